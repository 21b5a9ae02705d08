"use client";

import { Check, Copy } from "lucide-react";
import { useState } from "react";
import { Button } from "@/components/ui/button";

/** The TXT record to create at the DNS provider, with a copy button per value. */
export function TxtRecord({ host, value }: { host: string; value: string }) {
  return (
    <div className="mt-4 rounded-lg bg-zinc-50 px-4 py-3 ring-1 ring-zinc-200 ring-inset">
      <p className="text-sm text-zinc-600">Create this TXT record at your DNS provider, then click Verify.</p>
      <dl className="mt-3 grid grid-cols-[5rem_1fr_auto] items-center gap-x-3 gap-y-2 text-sm">
        <dt className="text-xs font-medium tracking-wide text-zinc-500 uppercase">Type</dt>
        <dd className="col-span-2 font-mono text-zinc-900">TXT</dd>
        <CopyableValue label="Host" value={host} />
        <CopyableValue label="Value" value={value} />
      </dl>
    </div>
  );
}

function CopyableValue({ label, value }: { label: string; value: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <>
      <dt className="text-xs font-medium tracking-wide text-zinc-500 uppercase">{label}</dt>
      <dd className="min-w-0 font-mono break-all text-zinc-900">{value}</dd>
      <Button
        size="sm"
        variant="ghost"
        aria-label={`Copy ${label.toLowerCase()}`}
        onClick={async () => {
          await navigator.clipboard.writeText(value);
          setCopied(true);
          setTimeout(() => setCopied(false), 2000);
        }}
      >
        {copied ? <Check aria-hidden className="size-4 text-emerald-600" /> : <Copy aria-hidden className="size-4" />}
      </Button>
    </>
  );
}
