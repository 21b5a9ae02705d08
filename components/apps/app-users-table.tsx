"use client";

import { useRouter } from "next/navigation";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Table, Td, Th } from "@/components/ui/table";
import { useRowSelection } from "@/components/ui/use-row-selection";
import { toastBulkResult, type BulkOutcome } from "@/components/users/bulk-result-toast";
import { UserStatusBadge } from "@/components/users/user-status-badge";
import type { ActionResult } from "@/lib/actions/define-action";
import type { UserSelectionInput, UserStatusName } from "@/lib/directory/schemas/user";

interface Row {
  id: string;
  name: string;
  email: string;
  department: string | null;
  status: UserStatusName;
  /** How the person has the app: "Directly", "Via Engineering", "Directly · via Engineering, Sales". */
  access: string;
}

interface Props {
  appId: string;
  appName: string;
  mode: "assigned" | "available";
  rows: Row[];
  total: number;
  filter: { q?: string; status?: UserStatusName; department?: string };
  canAssign: boolean;
  change: (input: {
    appId: string;
    selection: UserSelectionInput;
  }) => Promise<ActionResult<{ changed: number; skipped?: BulkOutcome["skipped"]; skippedCount?: number }>>;
}

/** The people of an app's Users tab, with assign or unassign for a selection or everyone matching. */
export function AppUsersTable({ appId, appName, mode, rows, total, filter, canAssign, change }: Props) {
  const router = useRouter();
  const rowSelection = useRowSelection(
    rows.map((row) => row.id),
    total,
  );
  const { allMatching, allOnPage, count } = rowSelection;
  const selection: UserSelectionInput = allMatching ? { filter } : { ids: [...rowSelection.selected] };

  async function run() {
    const result = await change({ appId, selection });
    if (
      toastBulkResult(
        result.ok ? { ok: true, data: { changed: result.data.changed, skipped: result.data.skipped ?? [], skippedCount: result.data.skippedCount } } : result,
        mode === "assigned" ? "Unassigned" : "Assigned",
      )
    ) {
      rowSelection.clear();
      router.refresh();
    }
  }

  return (
    <>
      {canAssign && count > 0 ? (
        <div role="region" aria-label="Bulk actions" className="flex flex-wrap items-center gap-3 border-b border-brand-100 bg-brand-50 px-4 py-2.5 text-sm">
          <span className="font-medium text-brand-700">{count.toLocaleString("en-US")} selected</span>
          {allOnPage && !allMatching && total > rows.length ? (
            <button type="button" className="text-brand-600 hover:underline" onClick={rowSelection.selectAllMatching}>
              Select all {total.toLocaleString("en-US")} matching people
            </button>
          ) : null}
          <div className="ml-auto">
            {mode === "assigned" ? (
              <ConfirmDialog
                title={`Unassign ${count.toLocaleString("en-US")} ${count === 1 ? "person" : "people"} from ${appName}?`}
                confirmLabel="Unassign"
                onConfirm={run}
                trigger={
                  <Button size="sm" variant="danger">
                    Unassign
                  </Button>
                }
              >
                <p>
                  Their direct assignment is removed. Anyone who is also in a group assigned to {appName} keeps access through it; the others leave {appName}
                  &apos;s scope. Where the app&apos;s Activate and deactivate users action is on, their accounts are deactivated; nothing is deleted.
                </p>
              </ConfirmDialog>
            ) : (
              <Button size="sm" onClick={run}>
                Assign to {appName}
              </Button>
            )}
          </div>
        </div>
      ) : null}
      <Table>
        <thead>
          <tr>
            {canAssign ? (
              <Th className="w-10">
                <input type="checkbox" aria-label="Select all people on this page" className="size-4" checked={allOnPage} onChange={rowSelection.togglePage} />
              </Th>
            ) : null}
            <Th>Name</Th>
            <Th>Access</Th>
            <Th>Department</Th>
            <Th>Status</Th>
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-100">
          {rows.map((row) => (
            <tr key={row.id}>
              {canAssign ? (
                <Td>
                  <input
                    type="checkbox"
                    aria-label={`Select ${row.name}`}
                    className="size-4"
                    checked={rowSelection.isSelected(row.id)}
                    onChange={() => rowSelection.toggle(row.id)}
                  />
                </Td>
              ) : null}
              <Td>
                <div className="font-medium text-zinc-900">{row.name}</div>
                <div className="text-xs text-zinc-500">{row.email}</div>
              </Td>
              <Td>{row.access === "No access" ? <span className="text-zinc-400">—</span> : row.access}</Td>
              <Td>{row.department ?? <span className="text-zinc-400">—</span>}</Td>
              <Td>
                <UserStatusBadge status={row.status} />
              </Td>
            </tr>
          ))}
        </tbody>
      </Table>
    </>
  );
}
