"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { toast } from "sonner";
import { Badge } from "@/components/ui/badge";
import { Table, Td, Th } from "@/components/ui/table";
import { useRowSelection } from "@/components/ui/use-row-selection";
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

/** The review table: what importing each user would do, its diff, and Confirm Assignment for a selection. */
export function CandidatesTable({ appId, appName, runId, filter, filterLabel, rows, totalInFilter, canConfirm, confirm, preview }: Props) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const selectable = rows.filter((row) => !row.applied && !row.conflict && row.actions.length > 0);
  const rowSelection = useRowSelection(
    selectable.map((row) => row.id),
    totalInFilter,
  );
  const { allMatching: allInFilter, allOnPage, count } = rowSelection;

  const selection: Selection = allInFilter ? { filter } : { candidateIds: [...rowSelection.selected].sort() };
  const selectionKey = "filter" in selection ? `filter:${selection.filter}` : selection.candidateIds.join(",");

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
      {canConfirm ? (
        <div className="flex flex-wrap items-center gap-3 border-b border-zinc-100 px-4 py-3 text-sm">
          <span className="text-zinc-600">{count > 0 ? `${count.toLocaleString("en-US")} selected` : "Select users to import, or all in this filter."}</span>
          {!allInFilter && totalInFilter > 0 ? (
            <button type="button" className="text-brand-600 hover:underline" onClick={rowSelection.selectAllMatching}>
              Select all {totalInFilter.toLocaleString("en-US")} still to import in “{filterLabel}”
            </button>
          ) : null}
          <div className="ml-auto">
            <ConfirmImportDialog
              appName={appName}
              runId={runId}
              count={count}
              selectionKey={selectionKey}
              preview={({ joinGroups }) => preview({ appId, runId, selection, joinGroups })}
              onConfirm={onConfirm}
            />
          </div>
        </div>
      ) : null}
      <Table>
        <thead>
          <tr>
            {canConfirm ? (
              <Th className="w-10">
                <input
                  type="checkbox"
                  aria-label="Select all users on this page"
                  className="size-4"
                  checked={allInFilter || allOnPage}
                  onChange={rowSelection.togglePage}
                />
              </Th>
            ) : null}
            <Th>User in {appName}</Th>
            <Th>In the app</Th>
            <Th>Groups in {appName}</Th>
            <Th>Importing will</Th>
            <Th>Differences</Th>
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-100">
          {rows.map((row) => {
            const name = row.displayName ?? row.userName ?? row.email ?? "Unknown";
            const diffs = Object.entries(row.diff);
            const canSelect = !row.applied && !row.conflict && row.actions.length > 0;
            return (
              <tr key={row.id}>
                {canConfirm ? (
                  <Td>
                    {canSelect ? (
                      <input
                        type="checkbox"
                        aria-label={`Select ${name}`}
                        className="size-4"
                        checked={rowSelection.isSelected(row.id)}
                        onChange={() => rowSelection.toggle(row.id)}
                      />
                    ) : null}
                  </Td>
                ) : null}
                <Td>
                  <div className="font-medium text-zinc-900">{name}</div>
                  <div className="text-xs text-zinc-500">{row.userName ?? row.email}</div>
                </Td>
                <Td>
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
                </Td>
                <Td>
                  <AppGroupChips groups={row.remoteGroups} />
                </Td>
                <Td>
                  {row.conflict ? (
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
                  )}
                </Td>
                <Td>
                  {diffs.length === 0 ? (
                    <span className="text-xs text-zinc-500">—</span>
                  ) : (
                    <details>
                      <summary className="cursor-pointer text-xs font-medium text-brand-600">
                        {diffs.length} {diffs.length === 1 ? "field differs" : "fields differ"}
                      </summary>
                      <ul className="mt-2 space-y-1 text-xs">
                        {diffs.map(([path, change]) => (
                          <li key={path}>
                            <code className="text-zinc-500">{path}</code>: <span className="text-zinc-500 line-through">{change.directory ?? "—"}</span> →{" "}
                            <span className="text-zinc-900">{change.app ?? "—"}</span>
                          </li>
                        ))}
                      </ul>
                    </details>
                  )}
                </Td>
              </tr>
            );
          })}
        </tbody>
      </Table>
    </>
  );
}
