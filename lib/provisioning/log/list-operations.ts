import "server-only";
import { z } from "zod";
import type { Prisma } from "../../generated/prisma/client";
import { db } from "../../db";
import { changeEntries, type ChangeEntry } from "./change-entries";
import { OPERATION_KIND_LABELS, OPERATION_STATUS_LABELS } from "./labels";
import type { OperationLogFilter } from "./schemas";

export const OPERATION_PAGE_SIZE = 50;
const DAY_MS = 24 * 60 * 60 * 1000;

export interface OperationCursor {
  createdAt: string;
  id: string;
}

export function encodeOperationCursor(cursor: OperationCursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString("base64url");
}

const operationCursor = z.object({ createdAt: z.iso.datetime(), id: z.guid() });

/** A cursor the log did not make (edited, truncated) is ignored: the log starts at its newest page. */
export function decodeOperationCursor(value: string | undefined | null): OperationCursor | null {
  if (!value) return null;
  try {
    const parsed = operationCursor.safeParse(JSON.parse(Buffer.from(value, "base64url").toString("utf8")));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

const OPERATION_SELECT = {
  id: true,
  createdAt: true,
  appId: true,
  userId: true,
  userLabel: true,
  groupId: true,
  kind: true,
  status: true,
  httpStatus: true,
  message: true,
  changes: true,
  attempt: true,
  durationMs: true,
} satisfies Prisma.OperationSelect;

type StoredOperation = Prisma.OperationGetPayload<{ select: typeof OPERATION_SELECT }>;

/** A log row as the table and the CSV show it: plain-words labels and the changes as a list. */
export type OperationRow = Omit<StoredOperation, "changes"> & { appName: string; kindLabel: string; statusLabel: string; changes: ChangeEntry[] };

function toRow(row: StoredOperation, appName: string): OperationRow {
  return { ...row, appName, kindLabel: OPERATION_KIND_LABELS[row.kind], statusLabel: OPERATION_STATUS_LABELS[row.status], changes: changeEntries(row.changes) };
}

/**
 * The organization's operations matching the filter, as a `where` clause and
 * the names of the apps it can cover. Scoped through the organization's own
 * apps: an app id from another organization, or one that is no id at all
 * (a hand-edited URL), matches nothing.
 */
export async function operationScope(organizationId: string, filter: OperationLogFilter) {
  if (filter.app && !z.guid().safeParse(filter.app).success)
    return { where: { appId: { in: [] } } satisfies Prisma.OperationWhereInput, appNames: new Map<string, string>(), empty: true };
  const apps = await db.app.findMany({
    where: { organizationId, ...(filter.app ? { id: filter.app } : {}) },
    select: { id: true, name: true },
  });
  const where: Prisma.OperationWhereInput = {
    appId: { in: apps.map((app) => app.id) },
    ...(filter.status ? { status: filter.status } : {}),
    ...(filter.kind ? { kind: filter.kind } : {}),
    ...(filter.q ? { userLabel: { contains: filter.q, mode: "insensitive" } } : {}),
    ...(filter.from || filter.to
      ? {
          createdAt: {
            ...(filter.from ? { gte: new Date(`${filter.from}T00:00:00.000Z`) } : {}),
            ...(filter.to ? { lt: new Date(Date.parse(`${filter.to}T00:00:00.000Z`) + DAY_MS) } : {}),
          },
        }
      : {}),
  };
  return { where, appNames: new Map(apps.map((app) => [app.id, app.name])), empty: apps.length === 0 };
}

function afterCursor(cursor: OperationCursor | null): Prisma.OperationWhereInput {
  if (!cursor) return {};
  const createdAt = new Date(cursor.createdAt);
  return { OR: [{ createdAt: { lt: createdAt } }, { createdAt, id: { lt: cursor.id } }] };
}

/**
 * One page of the provisioning log, newest first. Keyset paging on
 * (createdAt, id): rows written in the same millisecond keep a fixed order,
 * so no row is skipped or shown twice between pages, and a deep page costs
 * the same as the first.
 */
export async function listOperations(organizationId: string, filter: OperationLogFilter, cursor: OperationCursor | null, pageSize = OPERATION_PAGE_SIZE) {
  const scope = await operationScope(organizationId, filter);
  if (scope.empty) return { operations: [] as OperationRow[], nextCursor: null };
  const rows = await db.operation.findMany({
    where: { AND: [scope.where, afterCursor(cursor)] },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: pageSize + 1,
    select: OPERATION_SELECT,
  });
  const page = rows.slice(0, pageSize).map((row) => toRow(row, scope.appNames.get(row.appId) ?? ""));
  const last = page.at(-1);
  return {
    operations: page,
    nextCursor: rows.length > pageSize && last ? encodeOperationCursor({ createdAt: last.createdAt.toISOString(), id: last.id }) : null,
  };
}

/** Every matching operation, newest first, a page at a time (for the CSV export). */
export async function* eachOperation(organizationId: string, filter: OperationLogFilter, pageSize = 1_000): AsyncGenerator<OperationRow[]> {
  let cursor: OperationCursor | null = null;
  for (;;) {
    const { operations, nextCursor } = await listOperations(organizationId, filter, cursor, pageSize);
    if (operations.length > 0) yield operations;
    if (!nextCursor) return;
    cursor = decodeOperationCursor(nextCursor);
  }
}
