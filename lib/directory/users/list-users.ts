import "server-only";
import { z } from "zod";
import type { Prisma } from "../../generated/prisma/client";
import { db } from "../../db";
import { USER_STATUSES, type UserListQuery, type UserSort } from "../schemas/user";

export const USERS_PAGE_SIZE = 50;

export type UserFilter = Pick<UserListQuery, "q" | "status" | "department"> & {
  /** Only people in this app's scope: assigned directly or through an assigned group. */
  inScopeOf?: string;
  /** Only people not assigned to this app directly (they may have it through a group). */
  notAssignedTo?: string;
};

export function buildUserWhere(organizationId: string, filter: UserFilter): Prisma.UserWhereInput {
  const where: Prisma.UserWhereInput = { organizationId };
  // search_text is lower-cased by PostgreSQL and trigram-indexed. Prisma's `contains`
  // passes LIKE wildcards through, so %, _ and \ in the search are escaped here.
  if (filter.q) where.searchText = { contains: filter.q.toLowerCase().replace(/[\\%_]/g, "\\$&") };
  if (filter.status) where.status = filter.status;
  if (filter.department) where.department = filter.department;
  if (filter.inScopeOf) {
    const appId = filter.inScopeOf;
    where.OR = [{ assignments: { some: { appId } } }, { groups: { some: { group: { assignments: { some: { appId } } } } } }];
  } else if (filter.notAssignedTo) where.assignments = { none: { appId: filter.notAssignedTo } };
  return where;
}

// Every sort ends in `id`, so the order is total and a cursor names one row.
const SORT_COLUMNS: Record<UserSort, readonly ("lastName" | "firstName" | "email" | "createdAt" | "status" | "id")[]> = {
  name: ["lastName", "firstName", "id"],
  email: ["email", "id"],
  created: ["createdAt", "id"],
  status: ["status", "lastName", "firstName", "id"],
};

type CursorValues = Record<string, string>;

/** What each cursor column may hold: a cursor is the browser's to edit, so nothing in it reaches SQL unchecked. */
const PLAIN_TEXT = z
  .string()
  .max(320)
  .regex(/^[^\u0000-\u001f\u007f]*$/);
const CURSOR_COLUMN: Record<(typeof SORT_COLUMNS)[UserSort][number], z.ZodType<string>> = {
  id: z.guid(),
  createdAt: z.iso.datetime(),
  status: z.enum(USER_STATUSES),
  lastName: PLAIN_TEXT,
  firstName: PLAIN_TEXT,
  email: PLAIN_TEXT,
};

export function encodeUserCursor(values: CursorValues): string {
  return Buffer.from(JSON.stringify(values)).toString("base64url");
}

/** A cursor this list did not make (edited, truncated, from another sort) is ignored: the list starts at its first page. */
function decodeUserCursor(value: string | undefined, sort: UserSort): CursorValues | null {
  if (!value) return null;
  try {
    const parsed = JSON.parse(Buffer.from(value, "base64url").toString("utf8")) as unknown;
    if (!parsed || typeof parsed !== "object") return null;
    const values = parsed as Record<string, unknown>;
    const cursor: CursorValues = {};
    for (const column of SORT_COLUMNS[sort]) {
      const checked = CURSOR_COLUMN[column].safeParse(values[column]);
      if (!checked.success) return null;
      cursor[column] = checked.data;
    }
    return cursor;
  } catch {
    return null;
  }
}

function columnValue(column: string, value: string): unknown {
  return column === "createdAt" ? new Date(value) : value;
}

/** `column > value` (or `<`); Prisma has no order comparison for enums, so status uses the enum's order. */
function beyond(column: string, value: string, ascending: boolean): Prisma.UserWhereInput {
  if (column === "status") {
    const position = USER_STATUSES.indexOf(value as (typeof USER_STATUSES)[number]);
    return { status: { in: USER_STATUSES.filter((_, index) => (ascending ? index > position : index < position)) } };
  }
  return { [column]: { [ascending ? "gt" : "lt"]: columnValue(column, value) } };
}

/** Rows strictly after (or before) the cursor in the given order: (a > x) or (a = x and b > y) or … */
function keysetWhere(sort: UserSort, cursor: CursorValues, ascending: boolean): Prisma.UserWhereInput {
  const columns = SORT_COLUMNS[sort];
  return {
    OR: columns.map((column, index) => ({
      ...Object.fromEntries(columns.slice(0, index).map((previous) => [previous, columnValue(previous, cursor[previous]!)])),
      ...beyond(column, cursor[column]!, ascending),
    })),
  };
}

const LIST_SELECT = {
  id: true,
  email: true,
  firstName: true,
  lastName: true,
  displayName: true,
  title: true,
  department: true,
  status: true,
  role: true,
  createdAt: true,
} satisfies Prisma.UserSelect;

export type UserListRow = Prisma.UserGetPayload<{ select: typeof LIST_SELECT }>;

/**
 * One page of people with keyset paging: `after` continues forward from a row,
 * `before` goes back from one; a deep page costs what the first one does.
 */
export async function listUsers(organizationId: string, query: UserListQuery & Pick<UserFilter, "inScopeOf" | "notAssignedTo">, pageSize = USERS_PAGE_SIZE) {
  const where = buildUserWhere(organizationId, query);
  const ascending = query.dir === "asc";
  const backwards = Boolean(query.before) && !query.after;
  const cursor = decodeUserCursor(backwards ? query.before : query.after, query.sort);
  const scanAscending = backwards ? !ascending : ascending;
  const orderBy = SORT_COLUMNS[query.sort].map((column) => ({ [column]: scanAscending ? "asc" : "desc" }) as Prisma.UserOrderByWithRelationInput);

  const [rows, total] = await Promise.all([
    db.user.findMany({
      where: cursor ? { AND: [where, keysetWhere(query.sort, cursor, scanAscending)] } : where,
      orderBy,
      take: pageSize + 1,
      select: LIST_SELECT,
    }),
    db.user.count({ where }),
  ]);

  const hasMore = rows.length > pageSize;
  const page = rows.slice(0, pageSize);
  if (backwards) page.reverse();
  const cursorOf = (row: UserListRow | undefined) =>
    row
      ? encodeUserCursor(
          Object.fromEntries(SORT_COLUMNS[query.sort].map((column) => [column, column === "createdAt" ? row.createdAt.toISOString() : String(row[column])])),
        )
      : null;
  return {
    users: page,
    total,
    nextCursor: (backwards ? Boolean(cursor) : hasMore) ? cursorOf(page.at(-1)) : null,
    previousCursor: (backwards ? hasMore : Boolean(cursor)) ? cursorOf(page[0]) : null,
  };
}

/** The departments in use, for the filter menu. */
export async function listDepartments(organizationId: string): Promise<string[]> {
  const rows = await db.user.groupBy({
    by: ["department"],
    where: { organizationId, department: { not: null } },
    orderBy: { department: "asc" },
  });
  return rows.map((row) => row.department!).filter(Boolean);
}
