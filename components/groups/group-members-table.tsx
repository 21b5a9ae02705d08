"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Table, Td, Th } from "@/components/ui/table";
import { useRowSelection } from "@/components/ui/use-row-selection";
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

/** A page of the group's members; with "manage users", tick some and remove them from the group. */
export function GroupMembersTable({ group, rows, canManage, remove }: Props) {
  const router = useRouter();
  const rowSelection = useRowSelection(
    rows.map((row) => row.id),
    rows.length,
  );
  const { allOnPage, count } = rowSelection;

  async function removeSelected() {
    if (toastBulkResult(await remove({ groupId: group.id, selection: { ids: [...rowSelection.selected] } }), `Removed from ${group.name}:`)) {
      rowSelection.clear();
      router.refresh();
    }
  }

  return (
    <>
      {canManage && count > 0 ? (
        <div role="region" aria-label="Bulk actions" className="flex flex-wrap items-center gap-3 border-b border-brand-100 bg-brand-50 px-4 py-2.5 text-sm">
          <span className="font-medium text-brand-700">{count.toLocaleString("en-US")} selected</span>
          <div className="ml-auto">
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
          </div>
        </div>
      ) : null}
      <Table>
        <thead>
          <tr>
            {canManage ? (
              <Th className="w-10">
                <input
                  type="checkbox"
                  aria-label="Select all members on this page"
                  className="size-4 rounded border-zinc-300"
                  checked={allOnPage}
                  onChange={rowSelection.togglePage}
                />
              </Th>
            ) : null}
            <Th>Name</Th>
            <Th>Status</Th>
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-100">
          {rows.map((row) => (
            <tr key={row.id} className={rowSelection.isSelected(row.id) ? "bg-brand-50/40" : "hover:bg-zinc-50/60"}>
              {canManage ? (
                <Td>
                  <input
                    type="checkbox"
                    aria-label={`Select ${row.name}`}
                    className="size-4 rounded border-zinc-300"
                    checked={rowSelection.isSelected(row.id)}
                    onChange={() => rowSelection.toggle(row.id)}
                  />
                </Td>
              ) : null}
              <Td className="min-w-0">
                <Link href={`/users/${row.id}`} className="font-medium break-words text-zinc-900 hover:text-brand-700">
                  {row.name}
                </Link>
                <div className="text-xs break-all text-zinc-500">{row.email}</div>
              </Td>
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
