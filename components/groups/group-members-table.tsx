"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import type { DataColumn } from "@/components/ui/data-table/columns";
import { DataTable } from "@/components/ui/data-table/data-table";
import { SelectionBar } from "@/components/ui/data-table/selection-bar";
import { useTableSelection } from "@/components/ui/data-table/use-table-selection";
import { UserStatusBadge } from "@/components/users/user-status-badge";
import { toastBulkResult, type BulkOutcome } from "@/components/users/bulk-result-toast";
import type { ActionResult } from "@/lib/actions/define-action";
import type { GroupMembersInput } from "@/lib/directory/schemas/group";
import type { UserStatusName } from "@/lib/directory/schemas/user";

export interface GroupMemberRow {
  id: string;
  name: string;
  email: string;
  status: UserStatusName;
}

interface Props {
  group: { id: string; name: string; appCount: number };
  rows: GroupMemberRow[];
  canManage: boolean;
  remove: (input: GroupMembersInput) => Promise<ActionResult<BulkOutcome>>;
}

const COLUMNS: DataColumn<GroupMemberRow>[] = [
  {
    id: "name",
    header: "Name",
    card: "title",
    cell: (row) => (
      <div className="min-w-0">
        <Link href={`/users/${row.id}`} className="font-medium break-words text-zinc-900 hover:text-brand-700">
          {row.name}
        </Link>
        <div className="text-xs break-all text-zinc-500">{row.email}</div>
      </div>
    ),
  },
  { id: "status", header: "Status", cell: (row) => <UserStatusBadge status={row.status} /> },
];

/** A page of the group's members; with "manage users", tick some and remove them from the group. */
export function GroupMembersTable({ group, rows, canManage, remove }: Props) {
  const router = useRouter();
  // Removing acts on ticked members only, so "all matching" is never offered (the total is the page).
  const selection = useTableSelection(
    rows.map((row) => row.id),
    rows.length,
    null,
  );
  const count = selection.count;

  async function removeSelected() {
    if (toastBulkResult(await remove({ groupId: group.id, selection: { ids: Object.keys(selection.rowSelection) } }), `Removed from ${group.name}:`)) {
      selection.clear();
      router.refresh();
    }
  }

  return (
    <>
      <DataTable
        label={`Members of ${group.name}`}
        rows={rows}
        columns={COLUMNS}
        selection={canManage ? { state: selection, selectPageLabel: "Select all members on this page", rowLabel: (row) => `Select ${row.name}` } : undefined}
      />
      {canManage ? (
        <SelectionBar selection={selection} noun={{ one: "member", many: "members" }}>
          <ConfirmDialog
            title={`Remove ${count.toLocaleString("en-US")} ${count === 1 ? "person" : "people"} from ${group.name}?`}
            confirmLabel="Remove"
            onConfirm={removeSelected}
            trigger={
              <Button size="sm" variant="danger">
                Remove from group
              </Button>
            }
          >
            <p>They stay in the directory.</p>
            <p>
              {group.appCount > 0
                ? "They lose the group's apps unless they also have them directly or through another group; there, each app's Activate and deactivate users action then applies."
                : "The group is not assigned to any app, so nothing changes in connected apps."}
            </p>
          </ConfirmDialog>
        </SelectionBar>
      ) : null}
    </>
  );
}
