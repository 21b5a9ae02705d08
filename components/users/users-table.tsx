"use client";

import { AlertTriangle } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import type { AddGroupMembers, SearchGroups } from "@/components/groups/add-to-group-dialog";
import { Badge } from "@/components/ui/badge";
import type { DataColumn, ServerSort } from "@/components/ui/data-table/columns";
import { DataTable } from "@/components/ui/data-table/data-table";
import { SelectionBar } from "@/components/ui/data-table/selection-bar";
import { useTableSelection } from "@/components/ui/data-table/use-table-selection";
import type { ActionResult } from "@/lib/actions/define-action";
import type { UserSelectionInput, UserStatusName } from "@/lib/directory/schemas/user";
import { AppAssignmentSubMenus, type AssignmentChange } from "./app-assignment-menu";
import { toastBulkResult, type BulkOutcome } from "./bulk-result-toast";
import { PersonAppChips, type PersonAppChip } from "./person-app-chips";
import { UserRowMenu } from "./user-row-menu";
import { UserStatusBadge } from "./user-status-badge";
import { asBulkOutcome, UsersBulkActions } from "./users-bulk-actions";

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
  /** The person's apps; null when the admin may not view apps. */
  apps: PersonAppChip[] | null;
}

type Change = (input: { appId: string; selection: UserSelectionInput }) => Promise<ActionResult<AssignmentChange>>;

interface UsersTableProps {
  rows: UserRow[];
  total: number;
  filter: { q?: string; status?: UserStatusName; department?: string };
  sort: ServerSort;
  baseQuery: string;
  canManage: boolean;
  appCount: number;
  setStatus: (input: { selection: UserSelectionInput; status: UserStatusName }) => Promise<ActionResult<BulkOutcome>>;
  remove: (input: { selection: UserSelectionInput }) => Promise<ActionResult<BulkOutcome>>;
  /** Apps the admin may assign people to; empty hides the Apps menus. */
  apps: { id: string; name: string }[];
  assign: Change;
  unassign: Change;
  /** "Add to group…" for the selection (with "manage users"). */
  groups: { search: SearchGroups; add: AddGroupMembers };
}

const COLUMNS: DataColumn<UserRow>[] = [
  { id: "name", header: "Name", sortKey: "name", card: "title", cell: (row) => <NameCell row={row} /> },
  {
    id: "department",
    header: "Department",
    cell: (row) => (
      <div className="min-w-0">
        <div>{row.department ?? <span className="text-zinc-400">—</span>}</div>
        <div className="text-xs text-zinc-500">{row.title}</div>
      </div>
    ),
  },
  { id: "status", header: "Status", sortKey: "status", cell: (row) => <UserStatusBadge status={row.status} /> },
  {
    id: "added",
    header: "Added",
    sortKey: "created",
    card: "hidden",
    className: "hidden whitespace-nowrap text-zinc-500 lg:table-cell",
    cell: (row) => row.added,
  },
];

const APPS_COLUMN: DataColumn<UserRow> = { id: "apps", header: "Apps", cell: (row) => <PersonAppChips apps={row.apps ?? []} /> };

export function UsersTable({ rows, total, filter, sort, baseQuery, canManage, appCount, setStatus, remove, apps, assign, unassign, groups }: UsersTableProps) {
  const router = useRouter();
  const selection = useTableSelection(
    rows.map((row) => row.id),
    total,
    filter,
  );
  const canSelect = canManage || apps.length > 0;
  const showApps = rows.some((row) => row.apps !== null);

  async function run(action: Promise<ActionResult<BulkOutcome>>, verbPast: string) {
    if (toastBulkResult(await action, verbPast)) {
      selection.clear();
      router.refresh();
    }
  }

  const rowApps = (row: UserRow) => {
    if (apps.length === 0) return undefined;
    const has = new Map((row.apps ?? []).map((app) => [app.appId, app]));
    // Assigning directly someone who has the app through a group keeps it for them if they leave the group.
    const assignable = apps.filter((app) => !has.get(app.id)?.direct).map((app) => (has.has(app.id) ? { ...app, note: "has it via group" } : app));
    const unassignable = row.apps === null ? apps : apps.filter((app) => has.get(app.id)?.direct);
    return (
      <AppAssignmentSubMenus
        assignable={assignable}
        unassignable={unassignable}
        selection={{ ids: [row.id] }}
        assign={assign}
        unassign={unassign}
        onDone={(result, verbPast) => void run(Promise.resolve(asBulkOutcome(result)), verbPast)}
      />
    );
  };

  return (
    <>
      <DataTable
        label="People"
        rows={rows}
        columns={showApps ? [...COLUMNS.slice(0, 2), APPS_COLUMN, ...COLUMNS.slice(2)] : COLUMNS}
        sort={{ current: sort, baseQuery }}
        selection={canSelect ? { state: selection, selectPageLabel: "Select all people on this page", rowLabel: (row) => `Select ${row.name}` } : undefined}
        rowMenu={
          canSelect
            ? (row) => (
                <UserRowMenu
                  person={row}
                  canManage={canManage}
                  appCount={appCount}
                  onStatus={(status) => run(setStatus({ selection: { ids: [row.id] }, status }), status === "ACTIVE" ? "Activated" : "Deactivated")}
                  onDelete={() => run(remove({ selection: { ids: [row.id] } }), "Deleted")}
                  apps={rowApps(row)}
                />
              )
            : undefined
        }
      />
      <SelectionBar selection={selection} noun={{ one: "person", many: "people" }}>
        <UsersBulkActions
          count={selection.count}
          selection={selection.input}
          appCount={appCount}
          canManage={canManage}
          apps={apps}
          assign={assign}
          unassign={unassign}
          groups={groups}
          setStatus={setStatus}
          remove={remove}
          run={run}
        />
      </SelectionBar>
    </>
  );
}

function NameCell({ row }: { row: UserRow }) {
  return (
    <div className="min-w-0">
      <Link href={`/users/${row.id}`} className="font-medium break-words text-zinc-900 hover:text-brand-700">
        {row.name}
      </Link>
      {row.roleLabel ? (
        <span className="ml-2">
          <Badge tone="brand">{row.roleLabel}</Badge>
        </span>
      ) : null}
      <div className="flex flex-wrap items-center gap-x-1.5 text-xs break-all text-zinc-500">
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
    </div>
  );
}
