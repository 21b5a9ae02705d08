"use client";

import { ShieldAlert } from "lucide-react";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";

interface Props {
  appName: string;
  removals: number;
  /** Pushed groups it would delete in the app. */
  groupDeletions?: number;
  threshold: { percent: number; count: number };
  canApprove: boolean;
  onApprove: () => Promise<void>;
}

/** A sync stopped at the deletion threshold: says what it would remove, and lets an admin approve it. */
export function ApprovalNotice({ appName, removals, groupDeletions = 0, threshold, canApprove, onApprove }: Props) {
  const accountsOnly = `${removals.toLocaleString("en-US")} ${removals === 1 ? "account" : "accounts"}`;
  const groups = `${groupDeletions.toLocaleString("en-US")} pushed ${groupDeletions === 1 ? "group" : "groups"}`;
  const accounts = groupDeletions === 0 ? accountsOnly : removals === 0 ? groups : `${accountsOnly} and ${groups}`;
  return (
    <div role="alert" className="flex flex-wrap items-start gap-3 rounded-lg bg-amber-50 p-4 text-sm ring-1 ring-amber-200 ring-inset">
      <ShieldAlert aria-hidden className="mt-0.5 size-5 shrink-0 text-amber-600" />
      <div className="min-w-64 flex-1">
        <p className="font-medium text-amber-900">This sync needs your approval</p>
        <p className="mt-1 text-amber-900">
          This sync would deactivate or delete {accounts}, more than the threshold of {threshold.percent}% of active accounts or{" "}
          {threshold.count.toLocaleString("en-US")} accounts. Nothing was sent.
        </p>
        <p className="mt-1 text-amber-800">Run a dry run to see who would lose access, then approve if that is what you expect.</p>
      </div>
      {canApprove ? (
        <ConfirmDialog
          title={`Deactivate or delete ${accounts} in ${appName}?`}
          confirmLabel="Approve and sync"
          onConfirm={onApprove}
          trigger={<Button variant="danger">Approve and sync</Button>}
        >
          <p>
            Roster will sync everyone now, including deactivating or deleting {accounts} in {appName}. Those people lose access to {appName}; deleted accounts
            cannot be brought back by Roster.
          </p>
        </ConfirmDialog>
      ) : null}
    </div>
  );
}
