import "server-only";
import { z } from "zod";
import { Prisma } from "../../generated/prisma/client";
import { db } from "../../db";
import type { GroupListQuery } from "../schemas/group";

export const GROUPS_PAGE_SIZE = 50;

/** The search lower-cased (as `name_key` is) with LIKE's wildcards escaped, so that % and _ are searched for as text. */
function likeEscaped(q: string): string {
  return q.toLowerCase().replace(/[\\%_]/g, "\\$&");
}

/** `name_key` is lower-cased by PostgreSQL and trigram-indexed. */
function groupNameContains(q: string | undefined): Prisma.GroupWhereInput {
  return q ? { nameKey: { contains: likeEscaped(q) } } : {};
}

/** A page boundary: the row's (name_key, id), the list's total order. The browser may edit it, so it is checked. */
const cursorShape = z.object({ k: z.string().max(200), id: z.guid() });
type Cursor = z.infer<typeof cursorShape>;

export function encodeKeyCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString("base64url");
}

/** A cursor this list did not make is ignored: the list starts at its first page. */
export function decodeKeyCursor(value: string | undefined): Cursor | null {
  if (!value) return null;
  try {
    const parsed = cursorShape.safeParse(JSON.parse(Buffer.from(value, "base64url").toString("utf8")));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export interface GroupListRow {
  id: string;
  name: string;
  description: string;
  memberCount: number;
  appCount: number;
}

/**
 * One page of the organization's groups by name, with member and app counts, keyset-paged on (name_key, id) over
 * the (organization_id, name_key) index: one statement for the page, whose counts are taken for its rows only (not
 * one query per row, nor a count of every group's members), and one for the total.
 */
export async function listGroups(organizationId: string, query: GroupListQuery, pageSize = GROUPS_PAGE_SIZE) {
  const backwards = Boolean(query.before) && !query.after;
  const cursor = decodeKeyCursor(backwards ? query.before : query.after);
  const search = query.q ? Prisma.sql`AND g.name_key LIKE ${`%${likeEscaped(query.q)}%`}` : Prisma.empty;
  const after = cursor
    ? backwards
      ? Prisma.sql`AND (g.name_key, g.id) < (${cursor.k}, ${cursor.id}::uuid)`
      : Prisma.sql`AND (g.name_key, g.id) > (${cursor.k}, ${cursor.id}::uuid)`
    : Prisma.empty;
  const order = backwards ? Prisma.sql`g.name_key DESC, g.id DESC` : Prisma.sql`g.name_key, g.id`;
  const [rows, [counted]] = await Promise.all([
    db.$queryRaw<(GroupListRow & { nameKey: string })[]>`
      SELECT g.id::text, g.name, g.name_key AS "nameKey", g.description,
        (SELECT count(*) FROM group_members gm WHERE gm.group_id = g.id)::int AS "memberCount",
        (SELECT count(*) FROM group_assignments ga WHERE ga.group_id = g.id)::int AS "appCount"
      FROM groups g
      WHERE g.organization_id = ${organizationId}::uuid ${search} ${after}
      ORDER BY ${order}
      LIMIT ${pageSize + 1}`,
    db.$queryRaw<{ count: number }[]>`SELECT count(*)::int AS count FROM groups g WHERE g.organization_id = ${organizationId}::uuid ${search}`,
  ]);
  const hasMore = rows.length > pageSize;
  const page = rows.slice(0, pageSize);
  if (backwards) page.reverse();
  const cursorOf = (row: (typeof page)[number] | undefined) => (row ? encodeKeyCursor({ k: row.nameKey, id: row.id }) : null);
  return {
    groups: page.map(({ nameKey: _nameKey, ...row }): GroupListRow => row),
    total: counted?.count ?? 0,
    nextCursor: (backwards ? Boolean(cursor) : hasMore) ? cursorOf(page.at(-1)) : null,
    previousCursor: (backwards ? hasMore : Boolean(cursor)) ? cursorOf(page[0]) : null,
  };
}

/** Groups whose name contains `q`, for a picker (add a person to a group): the first few by name. */
export async function searchGroups(organizationId: string, q: string, limit = 10): Promise<{ id: string; name: string; memberCount: number }[]> {
  const rows = await db.group.findMany({
    where: { organizationId, ...groupNameContains(q) },
    orderBy: [{ nameKey: "asc" }, { id: "asc" }],
    take: limit,
    select: { id: true, name: true, _count: { select: { members: true } } },
  });
  return rows.map((row) => ({ id: row.id, name: row.name, memberCount: row._count.members }));
}
