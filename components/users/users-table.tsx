"use client";

import * as DropdownMenu from "@radix-ui/react-dropdown-menu";
import { AlertTriangle, MoreHorizontal } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Table, Td, Th } from "@/components/ui/table";
import { useRowSelection } from "@/components/ui/use-row-selection";
import type { ActionResult } from "@/lib/actions/define-action";
import type { UserSelectionInput, UserStatusName } from "@/lib/directory/schemas/user";
import { AddToGroupDialog, type AddGroupMembers, type SearchGroups } from "@/components/groups/add-to-group-dialog";
import { AppAssignmentMenu, type AssignmentChange } from "./app-assignment-menu";
import { toastBulkResult, type BulkOutcome } from "./bulk-result-toast";
import { DeleteConsequences } from "./delete-consequences";
import { SortHeader } from "./sort-header";
import { UserStatusBadge } from "./user-status-badge";

export interface UserRow {
  id: string;
  name: string;
  email: string;
  title: string | null;
  department: string | null;
  status: UserStatusName;
  roleLabel: string | null;
  unverifiedDomain: boolean;
  added: string;
}

interface UsersTableProps {
  rows: UserRow[];
  total: number;
  filter: { q?: string; status?: UserStatusName; department?: string };
  sort: { sort: string; dir: "asc" | "desc" };
  baseQuery: string;
  canManage: boolean;
  appCount: number;
  setStatus: (input: { selection: UserSelectionInput; status: UserStatusName }) => Promise<ActionResult<BulkOutcome>>;
  remove: (input: { selection: UserSelectionInput }) => Promise<ActionResult<BulkOutcome>>;
  /** Apps the admin may assign people to; empty hides the Apps menu. */
  apps: { id: string; name: string }[];
  assign: (input: { appId: string; selection: UserSelectionInput }) => Promise<ActionResult<AssignmentChange>>;
  unassign: (input: { appId: string; selection: UserSelectionInput }) => Promise<ActionResult<AssignmentChange>>;
  /** "Add to group…" for the selection (with "manage users"). */
  groups: { search: SearchGroups; add: AddGroupMembers };
}

export function UsersTable({ rows, total, filter, sort, baseQuery, canManage, appCount, setStatus, remove, apps, assign, unassign, groups }: UsersTableProps) {
  const router = useRouter();
  const rowSelection = useRowSelection(
    rows.map((row) => row.id),
    total,
  );
  const { allMatching, allOnPage, count } = rowSelection;
  const selection: UserSelectionInput = allMatching ? { filter } : { ids: [...rowSelection.selected] };

  async function run(action: Promise<ActionResult<BulkOutcome>>, verbPast: string) {
    if (toastBulkResult(await action, verbPast)) {
      rowSelection.clear();
      router.refresh();
    }
  }

  return (
    <>
      {canManage && count > 0 ? (
        <div role="region" aria-label="Bulk actions" className="flex flex-wrap items-center gap-3 border-b border-brand-100 bg-brand-50 px-4 py-2.5 text-sm">
          <span className="font-medium text-brand-700">{count.toLocaleString("en-US")} selected</span>
          {allOnPage && !allMatching && total > rows.length ? (
            <button type="button" className="text-brand-600 underline-offset-2 hover:underline" onClick={rowSelection.selectAllMatching}>
              Select all {total.toLocaleString("en-US")} matching people
            </button>
          ) : null}
          <div className="ml-auto flex flex-wrap gap-2">
            <AddToGroupDialog
              trigger={
                <Button size="sm" variant="secondary">
                  Add to group…
                </Button>
              }
              who={`${count.toLocaleString("en-US")} ${count === 1 ? "person" : "people"}`}
              selection={selection}
              search={groups.search}
              add={groups.add}
              onDone={(result, groupName) => void run(Promise.resolve(result), `Added to ${groupName}:`)}
            />
            {apps.length > 0 ? (
              <AppAssignmentMenu
                apps={apps}
                selection={selection}
                assign={assign}
                unassign={unassign}
                onDone={(result, verbPast) =>
                  void run(
                    Promise.resolve(
                      result.ok
                        ? {
                            ok: true as const,
                            data: { changed: result.data.changed, skipped: result.data.skipped ?? [], skippedCount: result.data.skippedCount },
                          }
                        : result,
                    ),
                    verbPast,
                  )
                }
              />
            ) : null}
            <Button size="sm" variant="secondary" onClick={() => run(setStatus({ selection, status: "ACTIVE" }), "Activated")}>
              Activate
            </Button>
            <ConfirmDialog
              title={`Deactivate ${count.toLocaleString("en-US")} ${count === 1 ? "person" : "people"}?`}
              confirmLabel="Deactivate"
              onConfirm={() => run(setStatus({ selection, status: "INACTIVE" }), "Deactivated")}
              trigger={
                <Button size="sm" variant="secondary">
                  Deactivate
                </Button>
              }
            >
              <p>They can no longer sign in to apps that Roster provisions.</p>
              <p>
                {appCount > 0
                  ? "Their accounts in connected apps are deactivated where the app's Activate and deactivate users action is on."
                  : "No applications are connected, so nothing changes outside Roster."}
              </p>
            </ConfirmDialog>
            <ConfirmDialog
              title={`Delete ${count.toLocaleString("en-US")} ${count === 1 ? "person" : "people"}?`}
              confirmLabel="Delete"
              onConfirm={() => run(remove({ selection }), "Deleted")}
              trigger={
                <Button size="sm" variant="danger">
                  Delete
                </Button>
              }
            >
              <DeleteConsequences count={count} appCount={appCount} />
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
                  aria-label="Select all people on this page"
                  className="size-4 rounded border-zinc-300"
                  checked={allOnPage}
                  onChange={rowSelection.togglePage}
                />
              </Th>
            ) : null}
            <SortHeader label="Name" sort="name" current={sort} baseQuery={baseQuery} />
            <Th>Department</Th>
            <SortHeader label="Status" sort="status" current={sort} baseQuery={baseQuery} />
            <SortHeader label="Added" sort="created" current={sort} baseQuery={baseQuery} className="hidden lg:table-cell" />
            {canManage ? (
              <Th className="w-12">
                <span className="sr-only">Actions</span>
              </Th>
            ) : null}
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
              <Td>
                <Link href={`/users/${row.id}`} className="font-medium text-zinc-900 hover:text-brand-700">
                  {row.name}
                </Link>
                {row.roleLabel ? (
                  <span className="ml-2">
                    <Badge tone="brand">{row.roleLabel}</Badge>
                  </span>
                ) : null}
                <div className="flex items-center gap-1.5 text-xs text-zinc-500">
                  {row.email}
                  {row.unverifiedDomain ? (
                    <span
                      title="This e-mail's domain is not verified, so apps such as Atlassian will not manage the account."
                      className="inline-flex items-center gap-0.5 text-amber-700"
                    >
                      <AlertTriangle aria-hidden className="size-3" /> Unverified domain
                    </span>
                  ) : null}
                </div>
              </Td>
              <Td>
                <div>{row.department ?? <span className="text-zinc-400">—</span>}</div>
                <div className="text-xs text-zinc-500">{row.title}</div>
              </Td>
              <Td>
                <UserStatusBadge status={row.status} />
              </Td>
              <Td className="hidden whitespace-nowrap text-zinc-500 lg:table-cell">{row.added}</Td>
              {canManage ? (
                <Td>
                  <RowMenu
                    row={row}
                    appCount={appCount}
                    onStatus={(status) => run(setStatus({ selection: { ids: [row.id] }, status }), status === "ACTIVE" ? "Activated" : "Deactivated")}
                    onDelete={() => run(remove({ selection: { ids: [row.id] } }), "Deleted")}
                  />
                </Td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </Table>
    </>
  );
}

function RowMenu({
  row,
  appCount,
  onStatus,
  onDelete,
}: {
  row: UserRow;
  appCount: number;
  onStatus: (status: UserStatusName) => Promise<void>;
  onDelete: () => Promise<void>;
}) {
  const [confirmDelete, setConfirmDelete] = useState(false);
  const item = "flex cursor-pointer items-center rounded-md px-3 py-2 text-sm outline-none data-[highlighted]:bg-zinc-100";
  return (
    <>
      <DropdownMenu.Root>
        <DropdownMenu.Trigger aria-label={`Actions for ${row.name}`} className="rounded-md p-1.5 text-zinc-500 hover:bg-zinc-100 hover:text-zinc-800">
          <MoreHorizontal aria-hidden className="size-4" />
        </DropdownMenu.Trigger>
        <DropdownMenu.Portal>
          <DropdownMenu.Content align="end" sideOffset={4} className="z-30 min-w-44 rounded-lg bg-white p-1 shadow-lg ring-1 ring-zinc-200">
            <DropdownMenu.Item asChild className={item}>
              <Link href={`/users/${row.id}/edit`}>Edit</Link>
            </DropdownMenu.Item>
            <DropdownMenu.Item className={item} onSelect={() => void onStatus(row.status === "ACTIVE" ? "INACTIVE" : "ACTIVE")}>
              {row.status === "ACTIVE" ? "Deactivate" : "Activate"}
            </DropdownMenu.Item>
            <DropdownMenu.Separator className="my-1 h-px bg-zinc-100" />
            <DropdownMenu.Item className={`${item} text-red-600`} onSelect={() => setConfirmDelete(true)}>
              Delete…
            </DropdownMenu.Item>
          </DropdownMenu.Content>
        </DropdownMenu.Portal>
      </DropdownMenu.Root>
      {confirmDelete ? <DeleteOneDialog name={row.name} appCount={appCount} onConfirm={onDelete} onClose={() => setConfirmDelete(false)} /> : null}
    </>
  );
}

function DeleteOneDialog({ name, appCount, onConfirm, onClose }: { name: string; appCount: number; onConfirm: () => Promise<void>; onClose: () => void }) {
  return (
    <ConfirmDialog defaultOpen onClosed={onClose} title={`Delete ${name}?`} confirmLabel="Delete" onConfirm={onConfirm}>
      <DeleteConsequences count={1} appCount={appCount} />
    </ConfirmDialog>
  );
}
