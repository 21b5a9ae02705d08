import { Download, Upload, UserPlus, Users } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { ListPagination } from "@/components/users/list-pagination";
import { UsersTable } from "@/components/users/users-table";
import { UsersToolbar } from "@/components/users/users-toolbar";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { ROLE_LABELS, can } from "@/lib/auth/permissions";
import { requirePagePermission } from "@/lib/auth/require";
import { listAppNames } from "@/lib/directory/apps/count-apps";
import { describeAccess } from "@/lib/directory/assignments/describe-access";
import { listPeopleApps } from "@/lib/directory/assignments/list-people-apps";
import { emailDomain, listVerifiedDomainNames } from "@/lib/directory/domains/list-verified-domains";
import { userListQuery } from "@/lib/directory/schemas/user";
import { listDepartments, listUsers } from "@/lib/directory/users/list-users";
import { assignUsersAction, unassignUsersAction } from "../applications/[appId]/users/actions";
import { addGroupMembersAction, searchGroupsAction } from "../groups/actions";
import { createSignInLinksCsvAction, deleteUsersAction, setUsersStatusAction } from "./actions";

export const metadata: Metadata = { title: "Users" };

const DATE = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeZone: "UTC" });

export default async function UsersPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const session = await requirePagePermission("admin access");
  const query = userListQuery.parse(
    Object.fromEntries(Object.entries(await searchParams).map(([key, value]) => [key, Array.isArray(value) ? value[0] : value])),
  );
  const organizationId = session.organization.id;
  const [page, departments, verifiedDomains, apps] = await Promise.all([
    listUsers(organizationId, query),
    listDepartments(organizationId),
    listVerifiedDomainNames(organizationId),
    listAppNames(organizationId),
  ]);
  const appCount = apps.length;
  const filter = { q: query.q, status: query.status, department: query.department };
  const filterQuery = new URLSearchParams(Object.entries(filter).filter((entry): entry is [string, string] => Boolean(entry[1])));
  const baseQuery = new URLSearchParams(filterQuery);
  baseQuery.set("sort", query.sort);
  baseQuery.set("dir", query.dir);
  const canManage = can(session, "manage users");
  // Apps are app data: each person's apps are read (one statement for the page) and shown only with "view apps".
  const peopleApps = can(session, "view apps")
    ? await listPeopleApps(
        organizationId,
        page.users.map((user) => user.id),
      )
    : null;
  const filtered = Boolean(query.q || query.status || query.department);

  return (
    <>
      <PageHeader
        title="Users"
        description="Everyone in your directory. Changes here reach the apps they are assigned to."
        actions={
          <>
            <Button variant="secondary" asChild>
              <a href={`/users/export?${filterQuery.toString()}`}>
                <Download aria-hidden className="size-4" /> Export CSV
              </a>
            </Button>
            {canManage ? (
              <>
                <Button variant="secondary" asChild>
                  <Link href="/users/import">
                    <Upload aria-hidden className="size-4" /> Import CSV
                  </Link>
                </Button>
                <Button asChild>
                  <Link href="/users/new">
                    <UserPlus aria-hidden className="size-4" /> Add person
                  </Link>
                </Button>
              </>
            ) : null}
          </>
        }
      />
      <Card>
        <UsersToolbar departments={departments} />
        {page.users.length === 0 ? (
          <EmptyState icon={Users} title={filtered ? "No one matches" : "No people yet"}>
            {filtered ? "Try another search, or clear the filters." : "Add people one by one, or import a CSV file."}
          </EmptyState>
        ) : (
          <>
            <UsersTable
              key={baseQuery.toString() + (query.after ?? "") + (query.before ?? "")}
              rows={page.users.map((user) => ({
                id: user.id,
                name: user.displayName || `${user.firstName} ${user.lastName}`,
                email: user.email,
                title: user.title,
                department: user.department,
                status: user.status,
                roleLabel: user.role && user.role !== "MEMBER" ? ROLE_LABELS[user.role] : null,
                unverifiedDomain: !verifiedDomains.has(emailDomain(user.email)),
                added: DATE.format(user.createdAt),
                apps: peopleApps
                  ? (peopleApps.get(user.id) ?? []).map((app) => ({ appId: app.appId, name: app.name, direct: app.direct, how: describeAccess(app) }))
                  : null,
              }))}
              total={page.total}
              filter={filter}
              sort={{ sort: query.sort, dir: query.dir }}
              baseQuery={filterQuery.toString()}
              canManage={canManage}
              appCount={appCount}
              setStatus={setUsersStatusAction}
              remove={deleteUsersAction}
              apps={can(session, "assign apps") ? apps.map((app) => ({ id: app.id, name: app.name })) : []}
              assign={assignUsersAction}
              unassign={unassignUsersAction}
              groups={{ search: searchGroupsAction, add: addGroupMembersAction }}
              signInLinks={createSignInLinksCsvAction}
            />
            <ListPagination
              summary={`${page.total.toLocaleString("en-US")} ${page.total === 1 ? "person" : "people"}${filtered ? " match" : ""}`}
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
