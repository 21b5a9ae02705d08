import { UsersRound } from "lucide-react";
import type { Metadata } from "next";
import { CreateGroupButton } from "@/components/groups/create-group-button";
import { GroupsTable } from "@/components/groups/groups-table";
import { UrlSearchToolbar } from "@/components/groups/groups-toolbar";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { ListPagination } from "@/components/users/list-pagination";
import { can } from "@/lib/auth/permissions";
import { requirePagePermission } from "@/lib/auth/require";
import { listGroups } from "@/lib/directory/groups/list-groups";
import { groupListQuery } from "@/lib/directory/schemas/group";
import { createGroupAction } from "./actions";

export const metadata: Metadata = { title: "Groups" };

export default async function GroupsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const session = await requirePagePermission("admin access");
  const query = groupListQuery.parse(
    Object.fromEntries(Object.entries(await searchParams).map(([key, value]) => [key, Array.isArray(value) ? value[0] : value])),
  );
  const page = await listGroups(session.organization.id, query);
  const canManage = can(session, "manage users");
  const baseQuery = new URLSearchParams(query.q ? { q: query.q } : {}).toString();

  return (
    <>
      <PageHeader
        title="Groups"
        description="Sets of people. Assign an app to a group and everyone in it gets the app; joining or leaving the group changes their access."
        actions={canManage ? <CreateGroupButton create={createGroupAction} /> : null}
      />
      <Card>
        <UrlSearchToolbar label="Search groups by name" placeholder="Search by name" />
        {page.groups.length === 0 ? (
          <EmptyState icon={UsersRound} title={query.q ? "No group matches" : "No groups yet"}>
            {query.q
              ? "Try another search, or clear it to see every group."
              : canManage
                ? "Create a group with New group, add people to it, then assign it to apps from an app's Users tab."
                : "An admin who can manage users creates groups here."}
          </EmptyState>
        ) : (
          <>
            <GroupsTable rows={page.groups} />
            <ListPagination
              summary={`${page.total.toLocaleString("en-US")} ${page.total === 1 ? "group" : "groups"}${query.q ? (page.total === 1 ? " matches" : " match") : ""}`}
              baseQuery={baseQuery}
              previousCursor={page.previousCursor}
              nextCursor={page.nextCursor}
            />
          </>
        )}
      </Card>
    </>
  );
}
