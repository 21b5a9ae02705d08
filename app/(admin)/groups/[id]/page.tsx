import { AppWindow, UsersRound } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { AddPeopleDialog } from "@/components/groups/add-people-dialog";
import { DeleteGroupButton } from "@/components/groups/delete-group-button";
import { EditGroupButton } from "@/components/groups/edit-group-button";
import { GroupMembersTable } from "@/components/groups/group-members-table";
import { UrlSearchToolbar } from "@/components/groups/groups-toolbar";
import { Card, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { ListPagination } from "@/components/users/list-pagination";
import { can } from "@/lib/auth/permissions";
import { requirePagePermission } from "@/lib/auth/require";
import { getGroup } from "@/lib/directory/groups/get-group";
import { listGroupMembers } from "@/lib/directory/groups/list-group-members";
import { groupMemberListQuery } from "@/lib/directory/schemas/group";
import {
  addGroupMembersAction,
  deleteGroupAction,
  groupDeletionImpactAction,
  removeGroupMembersAction,
  searchPeopleForGroupAction,
  updateGroupAction,
} from "../actions";

export const metadata: Metadata = { title: "Group" };

export default async function GroupPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const session = await requirePagePermission("admin access");
  const { id } = await params;
  const group = /^[0-9a-f-]{36}$/i.test(id) ? await getGroup(session.organization.id, id) : null;
  if (!group) notFound();
  const query = groupMemberListQuery.parse(
    Object.fromEntries(Object.entries(await searchParams).map(([key, value]) => [key, Array.isArray(value) ? value[0] : value])),
  );
  const page = await listGroupMembers(session.organization.id, group.id, query);
  const canManage = can(session, "manage users");
  // App names are app data: shown, like the person page's accounts, only to admins who may view apps.
  const canViewApps = can(session, "view apps");
  const baseQuery = new URLSearchParams(query.q ? { q: query.q } : {}).toString();

  return (
    <>
      <div className="mb-6 flex flex-wrap items-start justify-between gap-4">
        <div className="min-w-0">
          <Link href="/groups" className="text-sm text-zinc-500 hover:text-zinc-800">
            ← Groups
          </Link>
          <h1 className="mt-1 text-2xl font-semibold tracking-tight break-words text-zinc-900">{group.name}</h1>
          <p className="mt-1 max-w-2xl text-sm whitespace-pre-line text-zinc-500">{group.description || "No description yet"}</p>
        </div>
        {canManage ? (
          <div className="flex flex-wrap gap-2">
            <EditGroupButton group={group} update={updateGroupAction} />
            <DeleteGroupButton group={group} impact={groupDeletionImpactAction} remove={deleteGroupAction} />
          </div>
        ) : null}
      </div>

      <div className="grid gap-6 lg:grid-cols-3">
        <Card className="min-w-0 lg:col-span-2">
          <CardHeader
            title="Members"
            description={`${group.memberCount.toLocaleString("en-US")} ${group.memberCount === 1 ? "person" : "people"} in this group.`}
            action={canManage ? <AddPeopleDialog group={group} search={searchPeopleForGroupAction} add={addGroupMembersAction} /> : null}
          />
          {group.memberCount === 0 ? (
            <EmptyState icon={UsersRound} title="No members yet">
              {canManage
                ? "Use Add people to find people by name or e-mail, or add a selection from the Users list with Add to group."
                : "Nobody is in this group yet."}
            </EmptyState>
          ) : (
            <>
              <UrlSearchToolbar label="Search members by name or e-mail" placeholder="Search members" />
              {page.members.length === 0 ? (
                <EmptyState icon={UsersRound} title="No member matches">
                  Try another search, or clear it to see every member.
                </EmptyState>
              ) : (
                <>
                  <GroupMembersTable
                    key={baseQuery + (query.after ?? "") + (query.before ?? "")}
                    group={{ id: group.id, name: group.name, appCount: group.apps.length }}
                    rows={page.members.map((member) => ({
                      id: member.id,
                      name: member.displayName || `${member.firstName} ${member.lastName}`,
                      email: member.email,
                      status: member.status,
                    }))}
                    canManage={canManage}
                    remove={removeGroupMembersAction}
                  />
                  <ListPagination
                    summary={`${page.total.toLocaleString("en-US")} ${page.total === 1 ? "member" : "members"}${query.q ? (page.total === 1 ? " matches" : " match") : ""}`}
                    baseQuery={baseQuery}
                    previousCursor={page.previousCursor}
                    nextCursor={page.nextCursor}
                  />
                </>
              )}
            </>
          )}
        </Card>
        <Card className="self-start">
          <CardHeader title="Apps" description="Everyone in the group gets these apps." />
          {!canViewApps ? (
            <p className="px-6 py-5 text-sm text-zinc-500">Seeing which apps a group has needs the View apps permission.</p>
          ) : group.apps.length === 0 ? (
            <p className="px-6 py-5 text-sm text-zinc-500">Not assigned to any app yet. Assign it from an app&apos;s Users tab.</p>
          ) : (
            <ul className="divide-y divide-zinc-100">
              {group.apps.map((app) => (
                <li key={app.id} className="flex items-center gap-2.5 px-6 py-3 text-sm text-zinc-800">
                  <AppWindow aria-hidden className="size-4 text-zinc-400" />
                  <span className="break-words">{app.name}</span>
                </li>
              ))}
            </ul>
          )}
        </Card>
      </div>
    </>
  );
}
