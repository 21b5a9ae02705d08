import "server-only";
import { z } from "zod";
import { Prisma } from "../../generated/prisma/client";
import { db } from "../../db";
import { buildUserWhere } from "../users/list-users";
import type { UserStatusName } from "../schemas/user";
import type { GroupMemberListQuery } from "../schemas/group";

export const MEMBERS_PAGE_SIZE = 50;

export interface GroupMemberRow {
  id: string;
  firstName: string;
  lastName: string;
  displayName: string | null;
  email: string;
  status: UserStatusName;
}

/** A page boundary: the member's (last name, first name, id), the list's total order; checked, as the browser may edit it. */
const cursorShape = z.object({
  l: z.string().max(320),
  f: z.string().max(320),
  id: z.guid(),
});
type Cursor = z.infer<typeof cursorShape>;

function encodeCursor(row: GroupMemberRow): string {
  return Buffer.from(JSON.stringify({ l: row.lastName, f: row.firstName, id: row.id } satisfies Cursor)).toString("base64url");
}

function decodeCursor(value: string | undefined): Cursor | null {
  if (!value) return null;
  try {
    const parsed = cursorShape.safeParse(JSON.parse(Buffer.from(value, "base64url").toString("utf8")));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/**
 * One page of a group's members by name, keyset-paged: one query for the page (walking the people's
 * (organization, last name, first name, id) index and probing the group's membership for each, searched on the
 * trigram-indexed `search_text`) and one for the count, whatever the page's depth.
 */
export async function listGroupMembers(organizationId: string, groupId: string, query: GroupMemberListQuery, pageSize = MEMBERS_PAGE_SIZE) {
  const backwards = Boolean(query.before) && !query.after;
  const cursor = decodeCursor(backwards ? query.before : query.after);
  const search = query.q ? Prisma.sql`AND u.search_text LIKE ${`%${query.q.toLowerCase().replace(/[\\%_]/g, "\\$&")}%`}` : Prisma.empty;
  const after = cursor
    ? backwards
      ? Prisma.sql`AND (u.last_name, u.first_name, u.id) < (${cursor.l}, ${cursor.f}, ${cursor.id}::uuid)`
      : Prisma.sql`AND (u.last_name, u.first_name, u.id) > (${cursor.l}, ${cursor.f}, ${cursor.id}::uuid)`
    : Prisma.empty;
  const order = backwards ? Prisma.sql`u.last_name DESC, u.first_name DESC, u.id DESC` : Prisma.sql`u.last_name, u.first_name, u.id`;
  const [rows, [counted]] = await Promise.all([
    db.$queryRaw<GroupMemberRow[]>`
      SELECT u.id::text, u.first_name AS "firstName", u.last_name AS "lastName", u.display_name AS "displayName", u.email, u.status::text AS status
      FROM group_members gm JOIN users u ON u.id = gm.user_id
      WHERE gm.group_id = ${groupId}::uuid AND u.organization_id = ${organizationId}::uuid ${search} ${after}
      ORDER BY ${order}
      LIMIT ${pageSize + 1}`,
    // Without a search, the members are counted on the group's index entries alone (people join only their own
    // organization's groups), a fraction of the cost of joining every member's row.
    query.q
      ? db.$queryRaw<{ count: number }[]>`
          SELECT count(*)::int AS count
          FROM group_members gm JOIN users u ON u.id = gm.user_id
          WHERE gm.group_id = ${groupId}::uuid AND u.organization_id = ${organizationId}::uuid ${search}`
      : db.$queryRaw<{ count: number }[]>`
          SELECT count(*)::int AS count FROM group_members gm
          WHERE gm.group_id = ${groupId}::uuid AND EXISTS (SELECT 1 FROM groups g WHERE g.id = gm.group_id AND g.organization_id = ${organizationId}::uuid)`,
  ]);
  const hasMore = rows.length > pageSize;
  const page = rows.slice(0, pageSize);
  if (backwards) page.reverse();
  return {
    members: page,
    total: counted?.count ?? 0,
    nextCursor: (backwards ? Boolean(cursor) : hasMore) && page.length > 0 ? encodeCursor(page.at(-1)!) : null,
    previousCursor: (backwards ? hasMore : Boolean(cursor)) && page.length > 0 ? encodeCursor(page[0]!) : null,
  };
}

/** People matching a search, for "Add people": the first few by name, each saying whether they are in the group already. */
export async function searchPeopleForGroup(organizationId: string, groupId: string, q: string, limit = 10) {
  const rows = await db.user.findMany({
    where: buildUserWhere(organizationId, { q }),
    orderBy: [{ lastName: "asc" }, { firstName: "asc" }, { id: "asc" }],
    take: limit,
    select: { id: true, firstName: true, lastName: true, displayName: true, email: true, groups: { where: { groupId }, select: { userId: true } } },
  });
  return rows.map((row) => ({
    id: row.id,
    name: row.displayName || `${row.firstName} ${row.lastName}`,
    email: row.email,
    member: row.groups.length > 0,
  }));
}
