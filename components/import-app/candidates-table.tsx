"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { toast } from "sonner";
import { Badge } from "@/components/ui/badge";
import type { DataColumn } from "@/components/ui/data-table/columns";
import { DataTable } from "@/components/ui/data-table/data-table";
import { SelectionBar } from "@/components/ui/data-table/selection-bar";
import { useTableSelection } from "@/components/ui/data-table/use-table-selection";
import type { ActionResult } from "@/lib/actions/define-action";
import type { ImportPreview } from "@/lib/provisioning/import-runs/preview-import";
import { AppGroupChips } from "./app-group-chips";
import { ConfirmImportDialog } from "./confirm-import-dialog";
import { importKeys } from "./import-progress";

export interface CandidateRow {
  id: string;
  userName: string | null;
  email: string | null;
  displayName: string | null;
  remoteActive: boolean | null;
  matchedBy: string | null;
  actions: string[];
  conflict: string | null;
  diff: Record<string, { directory: string | null; app: string | null }>;
  /** The app's groups the user is a member of. */
  remoteGroups: string[];
  applied: boolean;
}

const ACTION_LABELS: Record<string, { label: string; tone: "brand" | "success" | "warning" | "danger" }> = {
  NEW: { label: "New", tone: "success" },
  UPDATE: { label: "Update", tone: "brand" },
  ACTIVATE: { label: "Activate", tone: "success" },
  DEACTIVATE: { label: "Deactivate", tone: "warning" },
};

type Selection = { candidateIds: string[] } | { filter: "ALL" | "NEW" | "UPDATE" | "ACTIVATE" | "DEACTIVATE" };

interface Props {
  appId: string;
  appName: string;
  runId: string;
  filter: "ALL" | "NEW" | "UPDATE" | "ACTIVATE" | "DEACTIVATE";
  filterLabel: string;
  rows: CandidateRow[];
  /** Candidates of the filter still to import: what "Select all" takes. */
  totalInFilter: number;
  canConfirm: boolean;
  confirm: (input: { appId: string; runId: string; selection: Selection; joinGroups: boolean }) => Promise<ActionResult<{ toApply: number }>>;
  preview: (input: { appId: string; runId: string; selection: Selection; joinGroups: boolean }) => Promise<ActionResult<ImportPreview>>;
}

const nameOf = (row: CandidateRow) => row.displayName ?? row.userName ?? row.email ?? "Unknown";
/** A user can be imported unless it already was, Roster cannot tell who it is, or nothing would change. */
const canImport = (row: CandidateRow) => !row.applied && !row.conflict && row.actions.length > 0;

function columnsFor(appName: string): DataColumn<CandidateRow>[] {
  return [
    {
      id: "user",
      header: `User in ${appName}`,
      card: "title",
      cell: (row) => (
        <>
          <div className="font-medium text-zinc-900">{nameOf(row)}</div>
          <div className="text-xs text-zinc-500">{row.userName ?? row.email}</div>
        </>
      ),
    },
    {
      id: "state",
      header: "In the app",
      cell: (row) => (
        <div>
          {row.remoteActive === null ? (
            <span className="text-zinc-500">Not in the app</span>
          ) : row.remoteActive ? (
            <Badge tone="success">Active</Badge>
          ) : (
            <Badge>Inactive</Badge>
          )}
          {row.matchedBy ? (
            <div className="mt-1 text-xs text-zinc-500">
              Matched by {row.matchedBy === "externalId" ? "Roster id" : row.matchedBy === "userName" ? "username" : "e-mail"}
            </div>
          ) : null}
        </div>
      ),
    },
    { id: "groups", header: `Groups in ${appName}`, cell: (row) => <AppGroupChips groups={row.remoteGroups} /> },
    {
      id: "actions",
      header: "Importing will",
      cell: (row) =>
        row.conflict ? (
          <p className="max-w-xs text-xs text-red-700">{row.conflict}</p>
        ) : row.applied ? (
          <Badge>Applied</Badge>
        ) : row.actions.length === 0 ? (
          <span className="text-xs text-zinc-500">Nothing: already in step</span>
        ) : (
          <div className="flex flex-wrap gap-1">
            {row.actions.map((action) => (
              <Badge key={action} tone={ACTION_LABELS[action]?.tone ?? "neutral"}>
                {ACTION_LABELS[action]?.label ?? action}
              </Badge>
            ))}
          </div>
        ),
    },
    {
      id: "diff",
      header: "Differences",
      cell: (row) => {
        const diffs = Object.entries(row.diff);
        return diffs.length === 0 ? (
          <span className="text-xs text-zinc-500">—</span>
        ) : (
          <details>
            <summary className="cursor-pointer text-xs font-medium text-brand-600">
              {diffs.length} {diffs.length === 1 ? "field differs" : "fields differ"}
            </summary>
            <ul className="mt-2 space-y-1 text-xs">
              {diffs.map(([path, change]) => (
                <li key={path} className="break-words">
                  <code className="text-zinc-500">{path}</code>: <span className="text-zinc-500 line-through">{change.directory ?? "—"}</span> →{" "}
                  <span className="text-zinc-900">{change.app ?? "—"}</span>
                </li>
              ))}
            </ul>
          </details>
        );
      },
    },
  ];
}

/**
 * The review table (the shared DataTable, rows as cards on phones): what importing each user would do and its diff,
 * and Confirm Assignment for the selected users or every one still to import in the filter.
 */
export function CandidatesTable({ appId, appName, runId, filter, filterLabel, rows, totalInFilter, canConfirm, confirm, preview }: Props) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const selectableIds = rows.filter(canImport).map((row) => row.id);
  const rowSelection = useTableSelection(selectableIds, totalInFilter, filter);
  const input = rowSelection.input;
  const selection: Selection = "filter" in input ? { filter: input.filter } : { candidateIds: [...input.ids].sort() };
  const selectionKey = "filter" in selection ? `filter:${selection.filter}` : selection.candidateIds.join(",");
  const selectAllLabel = `Select all ${totalInFilter.toLocaleString("en-US")} still to import in “${filterLabel}”`;

  async function onConfirm({ joinGroups }: { joinGroups: boolean }) {
    const result = await confirm({ appId, runId, selection, joinGroups });
    if (!result.ok) return void toast.error(result.message);
    toast.success(`Applying ${result.data.toApply.toLocaleString("en-US")} users…`);
    rowSelection.clear();
    // The progress poll starts afresh (not from the last confirm's "done"), and the page's counts, rows and "Select all" are read again.
    queryClient.removeQueries({ queryKey: importKeys.status(appId) });
    router.refresh();
  }

  return (
    <>
      {canConfirm && rowSelection.count === 0 ? (
        <div className="flex flex-wrap items-center gap-x-3 gap-y-1 border-b border-zinc-100 px-4 py-3 text-sm">
          <span className="text-zinc-600">Select users to import, or all in this filter.</span>
          {totalInFilter > 0 ? (
            <button type="button" className="text-brand-600 hover:underline" onClick={rowSelection.selectAllMatching}>
              {selectAllLabel}
            </button>
          ) : null}
        </div>
      ) : null}
      <DataTable
        label={`Users in ${appName}`}
        rows={rows}
        columns={columnsFor(appName)}
        selection={
          canConfirm
            ? { state: rowSelection, selectPageLabel: "Select all users on this page", rowLabel: (row) => `Select ${nameOf(row)}`, canSelect: canImport }
            : undefined
        }
      />
      {canConfirm ? (
        <SelectionBar selection={rowSelection} noun={{ one: "user", many: "users" }} selectAllLabel={selectAllLabel}>
          <ConfirmImportDialog
            appName={appName}
            runId={runId}
            count={rowSelection.count}
            selectionKey={selectionKey}
            preview={({ joinGroups }) => preview({ appId, runId, selection, joinGroups })}
            onConfirm={onConfirm}
          />
        </SelectionBar>
      ) : null}
    </>
  );
}
