"use client";

import { AlertCircle, Globe } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { toast } from "sonner";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import type { ActionResult } from "@/lib/actions/define-action";
import { TxtRecord } from "./txt-record";

export interface DomainView {
  id: string;
  name: string;
  verified: boolean;
  /** "Verified 29 Nov 2026", "Last checked …" or "Not checked yet". */
  checked: string;
  lastCheckError: string | null;
  people: number;
  record: { host: string; value: string };
}

interface DomainListProps {
  domains: DomainView[];
  canManage: boolean;
  verify: (input: { domainId: string }) => Promise<ActionResult<{ verified: boolean; reason?: string; name: string }>>;
  remove: (input: { domainId: string }) => Promise<ActionResult<{ name: string }>>;
}

const people = (count: number) => `${count.toLocaleString("en-US")} ${count === 1 ? "person" : "people"}`;

export function DomainList({ domains, canManage, verify, remove }: DomainListProps) {
  return (
    <ul className="divide-y divide-zinc-100">
      {domains.map((domain) => (
        <DomainItem key={domain.id} domain={domain} canManage={canManage} verify={verify} remove={remove} />
      ))}
    </ul>
  );
}

function DomainItem({ domain, canManage, verify, remove }: { domain: DomainView } & Omit<DomainListProps, "domains">) {
  const router = useRouter();
  const [checking, setChecking] = useState(false);

  async function onVerify() {
    setChecking(true);
    const result = await verify({ domainId: domain.id });
    setChecking(false);
    if (!result.ok) toast.error(result.message);
    else if (result.data.verified) toast.success(`${domain.name} is verified.`);
    else toast.error(`${domain.name} is not verified yet.`);
    router.refresh();
  }

  async function onRemove() {
    const result = await remove({ domainId: domain.id });
    if (!result.ok) return void toast.error(result.message);
    toast.success(`Removed ${domain.name}.`);
    router.refresh();
  }

  return (
    <li aria-labelledby={`domain-${domain.id}`} className="px-6 py-5">
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div className="flex items-start gap-3">
          <span className="mt-0.5 rounded-lg bg-zinc-100 p-2 text-zinc-500">
            <Globe aria-hidden className="size-4" />
          </span>
          <div>
            <div className="flex items-center gap-2">
              <h3 id={`domain-${domain.id}`} className="font-medium text-zinc-900">
                {domain.name}
              </h3>
              <Badge tone={domain.verified ? "success" : "warning"}>{domain.verified ? "Verified" : "Not verified"}</Badge>
            </div>
            <p className="mt-0.5 text-sm text-zinc-500">
              {people(domain.people)} · {domain.checked}
            </p>
          </div>
        </div>
        {canManage ? (
          <div className="flex gap-2">
            {!domain.verified ? (
              <Button onClick={onVerify} disabled={checking}>
                {checking ? "Checking DNS…" : "Verify"}
              </Button>
            ) : null}
            <ConfirmDialog
              title={`Remove ${domain.name}?`}
              confirmLabel="Remove domain"
              onConfirm={onRemove}
              trigger={<Button variant="secondary">Remove</Button>}
            >
              <p>
                {domain.people > 0
                  ? `${people(domain.people)} in your directory ${domain.people === 1 ? "has an e-mail address" : "have e-mail addresses"} on ${domain.name}. They will be flagged as on an unverified domain, and Atlassian will stop managing their accounts.`
                  : `No one in your directory has an e-mail address on ${domain.name}.`}
              </p>
              <p>To use the domain again, add it and verify it with a new TXT record.</p>
            </ConfirmDialog>
          </div>
        ) : null}
      </div>
      {!domain.verified && domain.lastCheckError ? (
        <p className="mt-4 flex gap-2 rounded-lg bg-red-50 px-3.5 py-3 text-sm text-red-800 ring-1 ring-red-200 ring-inset">
          <AlertCircle aria-hidden className="mt-0.5 size-4 shrink-0" />
          <span>{domain.lastCheckError}</span>
        </p>
      ) : null}
      {!domain.verified ? <TxtRecord host={domain.record.host} value={domain.record.value} /> : null}
    </li>
  );
}
