"use client";

import { useRouter } from "next/navigation";
import type { AddGroupMembers, SearchGroups } from "@/components/groups/add-to-group-dialog";
import type { ServerSort } from "@/components/ui/data-table/columns";
import { DataTable } from "@/components/ui/data-table/data-table";
import { SelectionBar } from "@/components/ui/data-table/selection-bar";
import { useTableSelection } from "@/components/ui/data-table/use-table-selection";
import type { ActionResult } from "@/lib/actions/define-action";
import type { UserSelectionInput, UserStatusName } from "@/lib/directory/schemas/user";
import { AppAssignmentSubMenus, type AssignmentChange } from "./app-assignment-menu";
import { toastBulkResult, type BulkOutcome } from "./bulk-result-toast";
import type { PersonAppChip } from "./person-app-chips";
import { UserRowMenu } from "./user-row-menu";
import { USER_APPS_COLUMN, USER_COLUMNS } from "./users-columns";
import type { CreateSignInLinks } from "./sign-in-links-button";
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
  /** A CSV of first sign-in links for the selection (with "manage users"). */
  signInLinks: CreateSignInLinks;
}

export function UsersTable({
  rows,
  total,
  filter,
  sort,
  baseQuery,
  canManage,
  appCount,
  setStatus,
  remove,
  apps,
  assign,
  unassign,
  groups,
  signInLinks,
}: UsersTableProps) {
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
        columns={showApps ? [...USER_COLUMNS.slice(0, 2), USER_APPS_COLUMN, ...USER_COLUMNS.slice(2)] : USER_COLUMNS}
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
          signInLinks={signInLinks}
          run={run}
        />
      </SelectionBar>
    </>
  );
}
