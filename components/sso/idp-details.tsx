"use client";

import { Check, Copy, Download } from "lucide-react";
import { useState } from "react";
import { Button } from "@/components/ui/button";

interface Props {
  entityId: string;
  ssoUrl: string;
  metadataUrl: string;
  certificateUrl: string | null;
}

/** What the app needs to trust Roster, each value with a copy button. */
export function IdpDetails({ entityId, ssoUrl, metadataUrl, certificateUrl }: Props) {
  return (
    <dl className="grid grid-cols-1 items-center gap-x-3 gap-y-1 px-6 py-5 text-sm sm:grid-cols-[11rem_minmax(0,1fr)] sm:gap-y-4">
      <CopyableValue label="IdP Entity ID" value={entityId} />
      <CopyableValue label="SSO URL" value={ssoUrl} />
      <CopyableValue label="Metadata URL" value={metadataUrl} />
      {certificateUrl ? (
        <>
          <dt className="mt-3 font-medium text-zinc-700 sm:mt-0">Signing certificate</dt>
          <dd>
            <Button asChild variant="secondary" size="sm">
              <a href={certificateUrl} download>
                <Download aria-hidden className="size-4" />
                Download certificate (PEM)
              </a>
            </Button>
          </dd>
        </>
      ) : null}
    </dl>
  );
}

function CopyableValue({ label, value }: { label: string; value: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <>
      <dt className="mt-3 font-medium text-zinc-700 first:mt-0 sm:mt-0">{label}</dt>
      <dd className="flex min-w-0 items-center gap-2">
        <span className="min-w-0 flex-1 font-mono break-all text-zinc-900">{value}</span>
        <Button
          size="sm"
          variant="ghost"
          aria-label={`Copy ${label}`}
          onClick={async () => {
            await navigator.clipboard.writeText(value);
            setCopied(true);
            setTimeout(() => setCopied(false), 2000);
          }}
        >
          {copied ? <Check aria-hidden className="size-4 text-emerald-600" /> : <Copy aria-hidden className="size-4" />}
          <span aria-live="polite" className="sr-only">
            {copied ? `${label} copied` : ""}
          </span>
        </Button>
      </dd>
    </>
  );
}
