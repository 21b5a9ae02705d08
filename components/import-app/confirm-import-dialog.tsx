"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";

interface Props {
  appName: string;
  count: number;
  /** Confirms the selection; `joinGroups` is the admin's choice in the dialog. */
  onConfirm: (options: { joinGroups: boolean }) => Promise<void>;
}

/** Confirm Assignment: says what importing does, and offers to recreate the app's group memberships in Roster (off unless ticked). */
export function ConfirmImportDialog({ appName, count, onConfirm }: Props) {
  const [joinGroups, setJoinGroups] = useState(false);
  return (
    <ConfirmDialog
      title={`Confirm assignment of ${count.toLocaleString("en-US")} users?`}
      confirmLabel="Confirm Assignment"
      tone="primary"
      onConfirm={() => onConfirm({ joinGroups })}
      onClosed={() => setJoinGroups(false)}
      trigger={<Button disabled={count === 0}>Confirm Assignment</Button>}
      options={
        <div className="rounded-lg bg-zinc-50 p-3 text-sm ring-1 ring-zinc-200">
          <label className="flex items-start gap-2 font-medium text-zinc-900">
            <input type="checkbox" className="mt-0.5 size-4 shrink-0" checked={joinGroups} onChange={(event) => setJoinGroups(event.target.checked)} />
            <span>Add imported people to their {appName} groups in Roster (creating the groups that don&apos;t exist yet)</span>
          </label>
          <p className="mt-1 pl-6 text-zinc-600">
            Groups are matched by name, whatever the letter case. A group assigned to apps gives its new members those apps. People inactive in {appName}, or
            being unassigned, join no group.
          </p>
        </div>
      }
    >
      <p>
        New users are created in the directory and assigned {appName}; updated users take {appName}&apos;s values for mapped fields; users to activate are
        assigned; users to deactivate are unassigned.
      </p>
      <p>These values come from {appName}, so nothing is sent back to it. Confirming twice changes nothing the second time.</p>
    </ConfirmDialog>
  );
}
