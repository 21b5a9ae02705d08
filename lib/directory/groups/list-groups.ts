import "server-only";
import { z } from "zod";
import type { Prisma } from "../../generated/prisma/client";
import { db } from "../../db";
import type { GroupListQuery } from "../schemas/group";

export const GROUPS_PAGE_SIZE = 50;

/** `name_key` is lower-cased by PostgreSQL and trigram-indexed; LIKE wildcards in the search are escaped. */
export function groupNameContains(q: string | undefined): Prisma.GroupWhereInput {
  return q ? { nameKey: { contains: q.toLowerCase().replace(/[\\%_]/g, "\\$&") } } : {};
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

const LIST_SELECT = {
  id: true,
  name: true,
  nameKey: true,
  description: true,
  _count: { select: { members: true, assignments: true } },
} satisfies Prisma.GroupSelect;

export interface GroupListRow {
  id: string;
  name: string;
  description: string;
  memberCount: number;
  appCount: number;
}

/**
 * One page of the organization's groups by name, with member and app counts, keyset-paged on (name_key, id):
 * a deep page costs what the first does, and the counts come with the page's rows, not one query per row.
 */
export async function listGroups(organizationId: string, query: GroupListQuery, pageSize = GROUPS_PAGE_SIZE) {
  const where: Prisma.GroupWhereInput = { organizationId, ...groupNameContains(query.q) };
  const backwards = Boolean(query.before) && !query.after;
  const cursor = decodeKeyCursor(backwards ? query.before : query.after);
  const direction = backwards ? "desc" : "asc";
  const beyond = backwards ? "lt" : "gt";
  const [rows, total] = await Promise.all([
    db.group.findMany({
      where: cursor ? { AND: [where, { OR: [{ nameKey: { [beyond]: cursor.k } }, { nameKey: cursor.k, id: { [beyond]: cursor.id } }] }] } : where,
      orderBy: [{ nameKey: direction }, { id: direction }],
      take: pageSize + 1,
      select: LIST_SELECT,
    }),
    db.group.count({ where }),
  ]);
  const hasMore = rows.length > pageSize;
  const page = rows.slice(0, pageSize);
  if (backwards) page.reverse();
  const cursorOf = (row: (typeof page)[number] | undefined) => (row ? encodeKeyCursor({ k: row.nameKey ?? "", id: row.id }) : null);
  return {
    groups: page.map((row): GroupListRow => ({
      id: row.id,
      name: row.name,
      description: row.description,
      memberCount: row._count.members,
      appCount: row._count.assignments,
    })),
    total,
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
