"use client";

import { AppWindow, Play } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { toast } from "sonner";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import type { ActionResult } from "@/lib/actions/define-action";
import type { ProvisionNowResult } from "@/lib/provisioning/sync/provision-now";
import { accountStatus, type AccountStatusInput } from "./account-status";
import { UnassignAppButton, type ChangeAssignment } from "./person-app-assignment";
import { LinkAccountDialog, type LinkAppAccount, type SearchAppAccounts } from "./link-account-dialog";
import { ProvisionSteps } from "./provision-steps";

export interface UserAppRow {
  app: { id: string; name: string; state: AccountStatusInput["appState"] };
  assigned: boolean;
  /** Assigned directly (can be unassigned here), and through a group. */
  direct: boolean;
  viaGroup: boolean;
  account: {
    state: "ACTIVE" | "INACTIVE" | "DELETED";
    remoteId: string | null;
    remoteUserName: string | null;
    lastSyncedAt: Date | null;
    lastError: string | null;
    lastErrorAt: Date | null;
  } | null;
  /** The app refused to create the account for a conflict Roster could not resolve: an admin may link the app's existing account. */
  conflict: { message: string | null; at: Date } | null;
}

interface Props {
  userId: string;
  /** "Name <e-mail>", as the Link dialog names the person. */
  personLabel: string;
  rows: UserAppRow[];
  canProvision: boolean;
  provision: (input: { appId: string; userId: string }) => Promise<ActionResult<ProvisionNowResult>>;
  search: SearchAppAccounts;
  link: LinkAppAccount;
  /** Unassign where directly assigned (with "assign apps"). */
  unassign?: ChangeAssignment;
}

const TIME = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

/** The person's account in each app: state, last sync, last error, and "Provision now" with its steps. */
export function UserAppsPanel({ userId, personLabel, rows, canProvision, provision, search, link, unassign }: Props) {
  const router = useRouter();
  const [results, setResults] = useState<Record<string, ProvisionNowResult | "running">>({});

  async function onProvision(appId: string) {
    setResults((current) => ({ ...current, [appId]: "running" }));
    const result = await provision({ appId, userId });
    if (!result.ok) {
      setResults(({ [appId]: _dropped, ...rest }) => rest);
      return void toast.error(result.message);
    }
    setResults((current) => ({ ...current, [appId]: result.data }));
    router.refresh();
  }

  if (rows.length === 0) {
    return (
      <EmptyState icon={AppWindow} title="Not assigned to any app">
        Use Assign app above, or add them to a group that has apps; their account and its status then appear here.
      </EmptyState>
    );
  }
  return (
    <ul className="divide-y divide-zinc-100" aria-label="Accounts in apps">
      {rows.map((row) => {
        // A create refused for good leaves no account row to hold its error: the failed attempt says it.
        const lastError = row.account?.lastError ?? row.conflict?.message ?? null;
        const lastErrorAt = row.account?.lastError ? row.account.lastErrorAt : (row.conflict?.at ?? null);
        const status =
          lastError && !row.account?.lastError
            ? ({ label: "Failing", tone: "danger" } as const)
            : accountStatus({ appState: row.app.state, assigned: row.assigned, account: row.account });
        const result = results[row.app.id];
        const canRun = canProvision && row.app.state === "ACTIVE";
        return (
          <li key={row.app.id} className="space-y-3 px-6 py-4" aria-label={row.app.name}>
            <div className="flex items-start justify-between gap-3">
              <div className="min-w-0">
                <div className="flex flex-wrap items-center gap-2">
                  <Link href={`/applications/${row.app.id}`} className="font-medium text-zinc-900 hover:text-brand-700 hover:underline">
                    {row.app.name}
                  </Link>
                  <Badge tone={status.tone}>{status.label}</Badge>
                </div>
                <p className="mt-0.5 truncate text-xs text-zinc-500">
                  {row.account?.remoteUserName ? `${row.account.remoteUserName} · ` : ""}
                  {row.account?.lastSyncedAt ? `Last synced ${TIME.format(row.account.lastSyncedAt)} UTC` : "Not synced yet"}
                </p>
              </div>
              <div className="flex shrink-0 flex-wrap justify-end gap-2">
                {unassign && row.direct ? <UnassignAppButton userId={userId} app={row.app} keepsViaGroup={row.viaGroup} unassign={unassign} /> : null}
                {canRun ? (
                  <Button
                    size="sm"
                    variant="secondary"
                    className="shrink-0 whitespace-nowrap"
                    onClick={() => onProvision(row.app.id)}
                    disabled={result === "running"}
                    aria-label={`Provision now in ${row.app.name}`}
                  >
                    <Play aria-hidden className="size-3.5" />
                    {result === "running" ? "Working…" : "Provision now"}
                  </Button>
                ) : null}
              </div>
            </div>
            {lastError ? (
              <p className="rounded-md bg-red-50 px-3 py-2 text-xs text-red-800 ring-1 ring-red-200 ring-inset">
                {lastError}
                {lastErrorAt ? <span className="text-red-700"> ({TIME.format(lastErrorAt)} UTC)</span> : null}
              </p>
            ) : null}
            {row.conflict && canRun ? <LinkAccountDialog app={row.app} person={{ id: userId, label: personLabel }} search={search} link={link} /> : null}
            {row.app.state !== "ACTIVE" && row.app.state !== "DRAFT" ? (
              <p className="text-xs text-amber-700">
                Provisioning to {row.app.name} is {row.app.state === "PAUSED" ? "paused" : "quarantined"}; nothing is sent until it resumes.
              </p>
            ) : null}
            {result ? (
              <div className="rounded-lg bg-zinc-50 px-4 py-3 ring-1 ring-zinc-100 ring-inset">
                <ProvisionSteps result={result} />
              </div>
            ) : null}
          </li>
        );
      })}
    </ul>
  );
}
