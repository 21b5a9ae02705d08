"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { toast } from "sonner";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import type { ActionResult } from "@/lib/actions/define-action";

export interface CertificateRow {
  id: string;
  state: "ACTIVE" | "NEXT" | "RETIRED";
  notAfter: string;
  downloadUrl: string;
  warning: string | null;
}

type KeyAction = (input: { appId: string }) => Promise<ActionResult<{ id: string }>>;

interface Props {
  appId: string;
  certificates: CertificateRow[];
  canEdit: boolean;
  prepareNext: KeyAction;
  activateNext: KeyAction;
}

const STATE_LABEL = { ACTIVE: "Signs now", NEXT: "Next, published but not used yet", RETIRED: "Retired, still published" } as const;

/**
 * The organization's signing certificates (shared by every app) and the two steps of a rotation: prepare the
 * next one (published at once, so apps can trust it), then start using it.
 */
export function SigningCertificates({ appId, certificates, canEdit, prepareNext, activateNext }: Props) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const next = certificates.find((certificate) => certificate.state === "NEXT");
  const warning = certificates.find((certificate) => certificate.state === "ACTIVE")?.warning;

  async function run(action: KeyAction, done: string) {
    setBusy(true);
    const result = await action({ appId });
    setBusy(false);
    if (!result.ok) return void toast.error(result.message);
    toast.success(done);
    router.refresh();
  }

  return (
    <div className="space-y-4 px-6 py-5">
      {warning ? <Alert tone="error">{warning}</Alert> : null}
      <ul className="divide-y divide-zinc-100 rounded-lg ring-1 ring-zinc-200">
        {certificates.map((certificate) => (
          <li key={certificate.id} className="flex flex-wrap items-center justify-between gap-3 px-4 py-3 text-sm">
            <div>
              <p className="font-medium text-zinc-900">{STATE_LABEL[certificate.state]}</p>
              <p className="text-zinc-500">Valid until {certificate.notAfter}</p>
            </div>
            <Button asChild variant="ghost" size="sm">
              <a
                href={certificate.downloadUrl}
                download
                aria-label={`Download the certificate that ${certificate.state === "ACTIVE" ? "signs now" : certificate.state === "NEXT" ? "comes next" : "was retired"}`}
              >
                Download
              </a>
            </Button>
          </li>
        ))}
      </ul>
      {canEdit ? (
        <div className="space-y-2">
          <p className="text-sm text-zinc-600">
            {next
              ? "Give the next certificate to every app that uses Roster for sign-in (or let them read the metadata URL again), then start using it."
              : "Before the certificate expires, prepare the next one: Roster publishes it in the metadata straight away but keeps signing with the current one."}
          </p>
          <div className="flex flex-wrap gap-2">
            <Button
              variant="secondary"
              disabled={busy || Boolean(next)}
              onClick={() => run(prepareNext, "The next certificate is ready and published in the metadata.")}
            >
              Prepare next certificate
            </Button>
            <Button variant="secondary" disabled={busy || !next} onClick={() => run(activateNext, "Roster now signs with the new certificate.")}>
              Start using it
            </Button>
          </div>
        </div>
      ) : null}
    </div>
  );
}
