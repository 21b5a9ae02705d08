"use client";

import { useRouter } from "next/navigation";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import type { DataColumn } from "@/components/ui/data-table/columns";
import { DataTable } from "@/components/ui/data-table/data-table";
import { SelectionBar } from "@/components/ui/data-table/selection-bar";
import { useTableSelection } from "@/components/ui/data-table/use-table-selection";
import type { AccountStateInApp } from "@/components/provisioning-status/account-status";
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
  /** Their account in the app (the Assigned view only). */
  account: AccountStateInApp | null;
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

const dash = <span className="text-zinc-500">—</span>;

const COLUMNS: DataColumn<Row>[] = [
  {
    id: "name",
    header: "Name",
    card: "title",
    cell: (row) => (
      <div className="min-w-0">
        <div className="font-medium break-words text-zinc-900">{row.name}</div>
        <div className="text-xs break-all text-zinc-500">{row.email}</div>
      </div>
    ),
  },
  { id: "access", header: "Access", cell: (row) => (row.access === "No access" ? dash : row.access) },
  { id: "department", header: "Department", cell: (row) => row.department ?? dash },
  { id: "status", header: "Status", cell: (row) => <UserStatusBadge status={row.status} /> },
];

const ACCOUNT_COLUMN: DataColumn<Row> = {
  id: "account",
  header: "In the app",
  cell: (row) =>
    row.account ? (
      <div className="min-w-0 max-w-72">
        <Badge tone={row.account.tone}>{row.account.label}</Badge>
        {row.account.reason ? <p className="mt-1 text-xs break-words text-red-700">{row.account.reason}</p> : null}
      </div>
    ) : (
      dash
    ),
};

/** The people of an app's Users tab, with assign or unassign for a selection or everyone matching. */
export function AppUsersTable({ appId, appName, mode, rows, total, filter, canAssign, change }: Props) {
  const router = useRouter();
  const selection = useTableSelection(
    rows.map((row) => row.id),
    total,
    filter,
  );
  const count = selection.count;

  async function run() {
    const result = await change({ appId, selection: selection.input });
    if (
      toastBulkResult(
        result.ok ? { ok: true, data: { changed: result.data.changed, skipped: result.data.skipped ?? [], skippedCount: result.data.skippedCount } } : result,
        mode === "assigned" ? "Unassigned" : "Assigned",
      )
    ) {
      selection.clear();
      router.refresh();
    }
  }

  return (
    <>
      <DataTable
        label={mode === "assigned" ? `People assigned to ${appName}` : `People who can be added to ${appName}`}
        rows={rows}
        columns={mode === "assigned" ? [...COLUMNS.slice(0, 2), ACCOUNT_COLUMN, ...COLUMNS.slice(2)] : COLUMNS}
        selection={canAssign ? { state: selection, selectPageLabel: "Select all people on this page", rowLabel: (row) => `Select ${row.name}` } : undefined}
      />
      {canAssign ? (
        <SelectionBar selection={selection} noun={{ one: "person", many: "people" }}>
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
        </SelectionBar>
      ) : null}
    </>
  );
}
