"use client";

import { OctagonAlert, PauseCircle } from "lucide-react";
import Link from "next/link";
import { useState } from "react";
import { Button } from "@/components/ui/button";

interface Props {
  appId: string;
  state: "QUARANTINED" | "PAUSED";
  reason: string | null;
  quarantinedAt: string | null;
  canResume: boolean;
  onResume: () => Promise<void>;
}

/**
 * Provisioning stopped (by itself after repeated failures, or paused): why, where to fix it, and a
 * Resume button, which checks the connection before anything is sent.
 */
export function QuarantineBanner({ appId, state, reason, quarantinedAt, canResume, onResume }: Props) {
  const [busy, setBusy] = useState(false);
  const quarantined = state === "QUARANTINED";
  const Icon = quarantined ? OctagonAlert : PauseCircle;
  return (
    <div
      role={quarantined ? "alert" : "status"}
      className={`flex flex-wrap items-start gap-3 rounded-xl p-5 text-sm ring-1 ring-inset ${quarantined ? "bg-red-50 ring-red-200" : "bg-amber-50 ring-amber-200"}`}
    >
      <Icon aria-hidden className={`mt-0.5 size-5 shrink-0 ${quarantined ? "text-red-600" : "text-amber-700"}`} />
      <div className={`min-w-64 flex-1 ${quarantined ? "text-red-800" : "text-amber-900"}`}>
        <p className={`font-semibold ${quarantined ? "text-red-900" : "text-amber-950"}`}>
          Provisioning is {quarantined ? "quarantined" : "paused"}
          {quarantined && quarantinedAt ? (
            <span className="font-normal text-red-700">
              {" "}
              since {new Date(quarantinedAt).toLocaleString("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" })} UTC
            </span>
          ) : null}
        </p>
        {quarantined || reason ? <p className="mt-1">{reason ?? "Roster stopped sending changes to this app after repeated failures."}</p> : null}
        <p className="mt-1">
          Nothing is sent to the app until you resume; changes made meanwhile are logged as skipped.{" "}
          {quarantined ? "Resume sends them." : "Resume checks the connection first, then sends them."}
        </p>
        {canResume ? (
          <Link href={`/applications/${appId}/provisioning/configure`} className="mt-2 inline-block font-medium underline">
            Change the Sync endpoint or token
          </Link>
        ) : null}
      </div>
      {canResume ? (
        <Button
          variant="danger"
          disabled={busy}
          onClick={async () => {
            setBusy(true);
            try {
              await onResume();
            } finally {
              setBusy(false);
            }
          }}
        >
          {busy ? "Resuming…" : "Resume"}
        </Button>
      ) : null}
    </div>
  );
}
