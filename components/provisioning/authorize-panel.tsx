"use client";

import { CheckCircle2, XCircle } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { useFocusOnMount } from "@/components/ui/use-focus-on-mount";
import type { ActionResult } from "@/lib/actions/define-action";
import type { ServerCapabilities } from "@/lib/provisioning/apps/authorize-app";

export type Capabilities = ServerCapabilities;

type Outcome = { ok: true; capabilities: Capabilities } | { ok: false; problem: string; advice: string };

interface Props {
  appId: string;
  appName: string;
  baseUrl: string;
  authorizedAt: string | null;
  capabilities: Capabilities | null;
  canEdit: boolean;
  authorize: (input: { appId: string }) => Promise<ActionResult<Outcome>>;
}

function yesNo(value: boolean | null): string {
  return value === null ? "Not stated" : value ? "Yes" : "No";
}

export function AuthorizePanel({ appId, appName, baseUrl, authorizedAt, capabilities, canEdit, authorize }: Props) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(authorizedAt && capabilities ? { ok: true, capabilities } : null);
  // Each finished check moves focus to its result, so a keyboard or screen-reader user hears how it went.
  const [checks, setChecks] = useState(0);
  const result = useFocusOnMount<HTMLDivElement>(checks || null);

  async function onAuthorize() {
    setBusy(true);
    const answer = await authorize({ appId });
    setBusy(false);
    setOutcome(answer.ok ? answer.data : { ok: false, problem: answer.message, advice: "" });
    setChecks((count) => count + 1);
    router.refresh();
  }

  return (
    <div className="space-y-5 px-6 py-5">
      <p className="text-sm text-zinc-600">
        Roster sends two read-only requests to <span className="font-mono text-xs break-all text-zinc-800">{baseUrl}</span>: it asks what the server supports,
        then for one user. Nothing changes in {appName}.
      </p>
      {outcome?.ok === false ? (
        <div ref={result} tabIndex={-1} role="alert" className="flex gap-3 rounded-lg outline-none bg-red-50 p-4 text-sm ring-1 ring-red-200 ring-inset">
          <XCircle aria-hidden className="mt-0.5 size-5 shrink-0 text-red-600" />
          <div>
            <p className="font-medium text-red-800">Authorization failed</p>
            <p className="mt-1 text-red-800">{outcome.problem}</p>
            {outcome.advice ? <p className="mt-1 text-red-700">{outcome.advice}</p> : null}
            <Link href={`/applications/${appId}/provisioning/configure`} className="mt-2 inline-block font-medium text-red-800 underline">
              Change the Sync endpoint or token
            </Link>
          </div>
        </div>
      ) : null}
      {outcome?.ok ? (
        <div ref={result} tabIndex={-1} role="status" className="rounded-lg outline-none bg-emerald-50 p-4 text-sm ring-1 ring-emerald-200 ring-inset">
          <p className="flex items-center gap-2 font-medium text-emerald-800">
            <CheckCircle2 aria-hidden className="size-5" /> Connected to {appName}
          </p>
          <dl className="mt-3 grid grid-cols-2 gap-x-6 gap-y-1.5 text-emerald-900 sm:grid-cols-3">
            <dt className="text-emerald-700">Users in the app</dt>
            <dd className="sm:col-span-2">{outcome.capabilities.totalUsers?.toLocaleString("en-US") ?? "Not stated"}</dd>
            <dt className="text-emerald-700">Partial updates (PATCH)</dt>
            <dd className="sm:col-span-2">{yesNo(outcome.capabilities.patch)}</dd>
            <dt className="text-emerald-700">Filtering</dt>
            <dd className="sm:col-span-2">
              {yesNo(outcome.capabilities.filter)}
              {outcome.capabilities.maxResults ? `, up to ${outcome.capabilities.maxResults} results` : ""}
            </dd>
            <dt className="text-emerald-700">Versioning (ETags)</dt>
            <dd className="sm:col-span-2">{yesNo(outcome.capabilities.etag)}</dd>
            <dt className="text-emerald-700">Bulk requests</dt>
            <dd className="sm:col-span-2">{yesNo(outcome.capabilities.bulk)}</dd>
          </dl>
          {!outcome.capabilities.serviceProviderConfig ? (
            <p className="mt-2 text-emerald-800">The server does not describe itself (no ServiceProviderConfig); Roster will use plain SCIM.</p>
          ) : null}
        </div>
      ) : null}
      <div className="flex justify-end gap-2">
        {canEdit ? (
          <Button variant={outcome?.ok ? "secondary" : "primary"} onClick={onAuthorize} disabled={busy}>
            {busy ? "Checking…" : outcome?.ok ? "Authorize again" : "Authorize"}
          </Button>
        ) : null}
        {outcome?.ok ? (
          <Button asChild>
            <Link href={`/applications/${appId}/provisioning/mapping`}>Next: map fields</Link>
          </Button>
        ) : null}
      </div>
    </div>
  );
}
