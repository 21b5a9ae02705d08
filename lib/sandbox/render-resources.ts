import type { GroupStore, StoredGroup } from "./group-store.ts";
import { ATLASSIAN_EXTERNAL, CORE_GROUP, CORE_USER, ENTERPRISE_USER, LIST_RESPONSE } from "./schema-urns.ts";
import type { StoredUser, UserStore } from "./user-store.ts";

/**
 * A user as Atlassian answers it: its three schemas, `active` defaulting to true, the read-only groups it is a
 * member of (left out when there are none, or when `groups` is null: the userGroupsOmitted quirk), the read-only
 * account id, and meta.
 */
export function renderUser(user: StoredUser, baseUrl: string, groups: GroupStore | null): Record<string, unknown> {
  const memberOf = (groups?.groupsOf(user.id) ?? []).map((group) => ({
    value: group.id,
    display: group.attributes.displayName,
    type: "direct",
    $ref: `${baseUrl}/Groups/${group.id}`,
  }));
  return {
    schemas: [ATLASSIAN_EXTERNAL, CORE_USER, ENTERPRISE_USER],
    id: user.id,
    ...user.attributes,
    active: user.attributes.active ?? true,
    ...(memberOf.length > 0 ? { groups: memberOf } : {}),
    [ATLASSIAN_EXTERNAL]: { atlassianAccountId: user.atlassianAccountId },
    meta: { resourceType: "User", created: user.created, lastModified: user.lastModified, location: `${baseUrl}/Users/${encodeURIComponent(user.id)}` },
  };
}

export function renderGroup(group: StoredGroup, baseUrl: string, users: UserStore): Record<string, unknown> {
  const members = ((group.attributes.members ?? []) as { value: string }[]).map(({ value }) => {
    const user = users.get(value);
    return { value, display: user?.attributes.displayName ?? user?.attributes.userName, type: "User", $ref: `${baseUrl}/Users/${encodeURIComponent(value)}` };
  });
  return {
    schemas: [CORE_GROUP],
    id: group.id,
    ...group.attributes,
    members,
    meta: { resourceType: "Group", created: group.created, lastModified: group.lastModified, location: `${baseUrl}/Groups/${group.id}` },
  };
}

export function renderList(resources: unknown[], totalResults: number, startIndex: number): Record<string, unknown> {
  return { schemas: [LIST_RESPONSE], totalResults, startIndex, itemsPerPage: resources.length, Resources: resources };
}
