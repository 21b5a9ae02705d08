"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Skeleton } from "@/components/ui/skeleton";
import type { ActionResult } from "@/lib/actions/define-action";
import type { ImportPreview } from "@/lib/provisioning/import-runs/preview-import";
import { importKeys } from "./import-progress";
import { ImportPreviewSummary } from "./import-preview-summary";

interface Props {
  appName: string;
  runId: string;
  count: number;
  /** Identifies the selection, so the dialog's figures are worked out again whenever it changes. */
  selectionKey: string;
  /** What confirming the selection would do (nothing is changed). */
  preview: (options: { joinGroups: boolean }) => Promise<ActionResult<ImportPreview>>;
  /** Confirms the selection; `joinGroups` is the admin's choice in the dialog. */
  onConfirm: (options: { joinGroups: boolean }) => Promise<void>;
}

const people = (count: number) => `${count.toLocaleString("en-US")} ${count === 1 ? "person" : "people"}`;

/**
 * Confirm Assignment: says exactly what importing the selection does in Roster and what then reaches the app
 * (worked out on the server for this selection), and offers to recreate the app's group memberships in Roster.
 */
export function ConfirmImportDialog({ appName, runId, count, selectionKey, preview, onConfirm }: Props) {
  const [open, setOpen] = useState(false);
  const [joinGroups, setJoinGroups] = useState(false);
  const query = useQuery({
    queryKey: importKeys.preview(runId, selectionKey, joinGroups),
    queryFn: async () => {
      const result = await preview({ joinGroups });
      if (!result.ok) throw new Error(result.message);
      return result.data;
    },
    enabled: open && count > 0,
    staleTime: 0,
    gcTime: 0,
    retry: false,
  });
  const figures = query.data;
  return (
    <ConfirmDialog
      title={`Import ${people(figures?.people ?? count)} from ${appName}?`}
      confirmLabel="Confirm Assignment"
      tone="primary"
      confirmDisabled={!figures || figures.people === 0}
      onConfirm={() => onConfirm({ joinGroups })}
      onClosed={() => {
        setOpen(false);
        setJoinGroups(false);
      }}
      trigger={
        <Button disabled={count === 0} onClick={() => setOpen(true)}>
          Confirm Assignment
        </Button>
      }
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
      {query.isError ? (
        <p className="text-red-700">Roster could not work out what importing these people would do: {query.error.message} Close this and try again.</p>
      ) : figures ? (
        <ImportPreviewSummary preview={figures} appName={appName} joinGroups={joinGroups} />
      ) : (
        <div aria-busy="true" className="space-y-2">
          <p>
            Working out what importing {people(count)} does in Roster and sends to {appName}…
          </p>
          <Skeleton className="h-4 w-full" />
          <Skeleton className="h-4 w-2/3" />
        </div>
      )}
    </ConfirmDialog>
  );
}
