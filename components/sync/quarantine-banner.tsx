"use client";

import { OctagonAlert } from "lucide-react";
import { useState } from "react";
import { Button } from "@/components/ui/button";

interface Props {
  reason: string | null;
  quarantinedAt: string | null;
  canResume: boolean;
  onResume: () => Promise<void>;
}

/** Provisioning stopped by itself: why, and a Resume button once the admin fixed the cause. */
export function QuarantineBanner({ reason, quarantinedAt, canResume, onResume }: Props) {
  const [busy, setBusy] = useState(false);
  return (
    <div role="alert" className="flex flex-wrap items-start gap-3 rounded-xl bg-red-50 p-5 text-sm ring-1 ring-red-200 ring-inset">
      <OctagonAlert aria-hidden className="mt-0.5 size-5 shrink-0 text-red-600" />
      <div className="min-w-64 flex-1">
        <p className="font-semibold text-red-900">
          Provisioning is quarantined
          {quarantinedAt ? (
            <span className="font-normal text-red-700"> since {new Date(quarantinedAt).toLocaleString("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" })} UTC</span>
          ) : null}
        </p>
        <p className="mt-1 text-red-800">{reason ?? "Roster stopped sending changes to this app after repeated failures."}</p>
        <p className="mt-1 text-red-700">Nothing is sent to the app until you resume. Resuming syncs everyone, so changes made meanwhile catch up.</p>
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
