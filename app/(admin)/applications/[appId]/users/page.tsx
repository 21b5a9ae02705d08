import { Users } from "lucide-react";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { AppGroupsPanel } from "@/components/apps/app-groups-panel";
import { AppUsersTable } from "@/components/apps/app-users-table";
import { accountStateInApp } from "@/components/provisioning-status/account-status";
import { ListPagination } from "@/components/users/list-pagination";
import { UsersToolbar } from "@/components/users/users-toolbar";
import { Card } from "@/components/ui/card";
import { FilterLink } from "@/components/ui/filter-link";
import { cn } from "@/components/ui/class-names";
import { EmptyState } from "@/components/ui/empty-state";
import { can } from "@/lib/auth/permissions";
import { requirePagePermission } from "@/lib/auth/require";
import { countPeopleInScope, listAccessSources } from "@/lib/directory/assignments/access-sources";
import { describeAccess } from "@/lib/directory/assignments/describe-access";
import { listAppGroups } from "@/lib/directory/assignments/group-options";
import { userListQuery } from "@/lib/directory/schemas/user";
import { listDepartments, listUsers } from "@/lib/directory/users/list-users";
import { listAppGroupStates } from "@/lib/provisioning/apps/group-push";
import { listAppAccountStates } from "@/lib/provisioning/log/list-app-account-states";
import { getApp } from "@/lib/provisioning/apps/manage-apps";
import {
  setGroupPushAction,
  assignGroupsAction,
  assignUsersAction,
  countPeopleLosingAccessAction,
  searchGroupOptionsAction,
  unassignGroupsAction,
  unassignUsersAction,
} from "./actions";

export const metadata: Metadata = { title: "App users" };

export default async function AppUsersPage({
  params,
  searchParams,
}: {
  params: Promise<{ appId: string }>;
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const session = await requirePagePermission("view apps");
  const { appId } = await params;
  const app = await getApp(session.organization.id, appId);
  if (!app) notFound();
  const raw = await searchParams;
  const mode = raw.view === "available" ? "available" : "assigned";
  const query = userListQuery.parse(raw);
  const [page, departments, inScope, groups] = await Promise.all([
    listUsers(session.organization.id, { ...query, ...(mode === "assigned" ? { inScopeOf: app.id } : { notAssignedTo: app.id }) }),
    listDepartments(session.organization.id),
    countPeopleInScope(session.organization.id, app.id),
    listAppGroups(session.organization.id, app.id),
  ]);
  const pushStates = app.pushGroups ? await listAppGroupStates(session.organization.id, app.id) : {};
  const pageIds = page.users.map((user) => user.id);
  const [sources, accounts] = await Promise.all([
    listAccessSources(app.id, pageIds),
    mode === "assigned" ? listAppAccountStates(session.organization.id, app.id, pageIds) : null,
  ]);
  const baseQuery = new URLSearchParams(
    Object.entries({ view: mode, q: query.q, status: query.status, department: query.department }).filter((entry): entry is [string, string] =>
      Boolean(entry[1]),
    ),
  );
  const tab = (view: string, label: string) => (
    <FilterLink
      href={`?view=${view}`}
      aria-current={mode === view ? "page" : undefined}
      className={cn("rounded-md px-3 py-1.5 text-sm font-medium", mode === view ? "bg-white text-zinc-900 shadow-sm" : "text-zinc-600 hover:text-zinc-900")}
    >
      {label}
    </FilterLink>
  );
  return (
    <>
      <AppGroupsPanel
        app={{ id: app.id, name: app.name, pushGroups: app.pushGroups }}
        groups={groups.groups}
        pushStates={pushStates}
        total={groups.total}
        canAssign={can(session, "assign apps")}
        actions={{
          search: searchGroupOptionsAction,
          assign: assignGroupsAction,
          unassign: unassignGroupsAction,
          countLosing: countPeopleLosingAccessAction,
          setPush: setGroupPushAction,
        }}
      />
      <div className="mb-4 inline-flex gap-1 rounded-lg bg-zinc-100 p-1">
        {tab("assigned", `Assigned (${inScope.toLocaleString("en-US")})`)}
        {tab("available", "Add people")}
      </div>
      <Card>
        <UsersToolbar departments={departments} />
        {page.users.length === 0 ? (
          <EmptyState icon={Users} title={mode === "assigned" ? "No one is assigned yet" : "Everyone matching is assigned"}>
            {mode === "assigned"
              ? "Assign a group above, or open “Add people” to choose who gets an account in this app."
              : "Clear the search to see more people."}
          </EmptyState>
        ) : (
          <>
            <AppUsersTable
              key={baseQuery.toString() + (query.after ?? "")}
              appId={app.id}
              appName={app.name}
              mode={mode}
              rows={page.users.map((user) => ({
                id: user.id,
                name: `${user.firstName} ${user.lastName}`,
                email: user.email,
                department: user.department,
                status: user.status,
                access: describeAccess(sources.get(user.id) ?? { direct: false, groups: [] }),
                account: accounts
                  ? accountStateInApp({
                      appState: app.state,
                      assigned: true,
                      account: accounts.get(user.id)?.account ?? null,
                      lastFailure: accounts.get(user.id)?.lastFailure,
                    })
                  : null,
              }))}
              total={page.total}
              filter={{ q: query.q, status: query.status, department: query.department }}
              canAssign={can(session, "assign apps")}
              change={mode === "assigned" ? unassignUsersAction : assignUsersAction}
            />
            <ListPagination
              summary={`${page.total.toLocaleString("en-US")} ${page.total === 1 ? "person" : "people"}`}
              baseQuery={baseQuery.toString()}
              previousCursor={page.previousCursor}
              nextCursor={page.nextCursor}
            />
          </>
        )}
      </Card>
    </>
  );
}
