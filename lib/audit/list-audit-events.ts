import "server-only";
import { z } from "zod";
import type { Prisma } from "../generated/prisma/client";
import { db } from "../db";
import { AUDIT_WORDINGS, auditActionTitle, type AuditCategory } from "./describe-audit-event";
import { AUDIT_RANGE_MS, type AuditLogFilter, type AuditRange } from "./schemas";

export const AUDIT_PAGE_SIZE = 25;
const DAY_MS = 24 * 60 * 60 * 1000;

export interface AuditCursor {
  createdAt: string;
  id: string;
}

export function encodeAuditCursor(cursor: AuditCursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString("base64url");
}

const auditCursor = z.object({ createdAt: z.iso.datetime(), id: z.guid() });

/** A cursor the log did not make (edited, truncated) is ignored: the log starts at its newest page. */
export function decodeAuditCursor(value: string | undefined | null): AuditCursor | null {
  if (!value) return null;
  try {
    const parsed = auditCursor.safeParse(JSON.parse(Buffer.from(value, "base64url").toString("utf8")));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

const KNOWN_ACTIONS = Object.keys(AUDIT_WORDINGS);

/**
 * The actions of a category, from the wording table: an index on (organization, action) serves the list. Every
 * action recorded in code has a wording (a test makes sure); a code no longer recorded shows under "All events".
 */
function categoryWhere(category: AuditCategory): Prisma.AuditEventWhereInput {
  return { action: { in: KNOWN_ACTIONS.filter((action) => AUDIT_WORDINGS[action]!.category === category) } };
}

/**
 * Search over who, what and which target: the labels (trigram indexes), and the action by its code or its words
 * ("renamed", "Imported people"). Every recorded action has a wording (a test makes sure), so matching the action
 * against that table here keeps the query to three indexed branches.
 */
function searchWhere(q: string): Prisma.AuditEventWhereInput {
  const words = q.toLowerCase();
  const actions = KNOWN_ACTIONS.filter((action) => action.includes(words) || auditActionTitle(action).toLowerCase().includes(words));
  return {
    OR: [
      { targetLabel: { contains: q, mode: "insensitive" } },
      { actorLabel: { contains: q, mode: "insensitive" } },
      ...(actions.length > 0 ? [{ action: { in: actions } }] : []),
    ],
  };
}

/** When: a preset counted back from `now` wins over first and last day (UTC, inclusive). Shared by the audit and sign-in logs. */
export function createdAtWhere(filter: { range?: AuditRange; from?: string; to?: string }, now: Date): { createdAt?: Prisma.DateTimeFilter } {
  const bounds: Prisma.DateTimeFilter = {};
  if (filter.range) bounds.gte = new Date(now.getTime() - AUDIT_RANGE_MS[filter.range]);
  else {
    if (filter.from) bounds.gte = new Date(`${filter.from}T00:00:00.000Z`);
    if (filter.to) bounds.lt = new Date(Date.parse(`${filter.to}T00:00:00.000Z`) + DAY_MS);
  }
  return Object.keys(bounds).length > 0 ? { createdAt: bounds } : {};
}

/** The organization's events matching the filter (a preset range wins over from/to dates). */
export function auditScope(organizationId: string, filter: AuditLogFilter, now = new Date()): Prisma.AuditEventWhereInput {
  return {
    organizationId,
    AND: [
      filter.actor ? { actorLabel: filter.actor } : {},
      filter.category ? categoryWhere(filter.category) : {},
      filter.q ? searchWhere(filter.q) : {},
      createdAtWhere(filter, now),
    ],
  };
}

/** The rows after the cursor in (createdAt, id) newest-first order: shared by the audit and sign-in logs. */
function afterCursor(cursor: AuditCursor | null): { OR?: [{ createdAt: { lt: Date } }, { createdAt: Date; id: { lt: string } }] } {
  if (!cursor) return {};
  const createdAt = new Date(cursor.createdAt);
  return { OR: [{ createdAt: { lt: createdAt } }, { createdAt, id: { lt: cursor.id } }] };
}

/** A page from `pageSize + 1` rows read newest first: the rows to show, and the cursor of the next page if there is one. */
function newestFirstPage<T extends { createdAt: Date; id: string }>(rows: T[], pageSize: number): NewestFirstPage<T> {
  const page = rows.slice(0, pageSize);
  const last = page.at(-1);
  return {
    events: page,
    nextCursor: rows.length > pageSize && last ? encodeAuditCursor({ createdAt: last.createdAt.toISOString(), id: last.id }) : null,
  };
}

export interface NewestFirstPage<T> {
  events: T[];
  nextCursor: string | null;
}

/**
 * One page of a log's rows matching `scope`, newest first, keyset-paged on (createdAt, id) so a deep page costs the
 * same as the first and rows stamped in the same millisecond keep their order. `read` runs the query on its table
 * with the arguments given and its own `select`. Shared by the audit and sign-in logs.
 */
export async function readNewestFirstPage<W, T extends { createdAt: Date; id: string }>(
  scope: W,
  cursor: AuditCursor | null,
  pageSize: number,
  read: (args: { where: { AND: [W, ReturnType<typeof afterCursor>] }; orderBy: [{ createdAt: "desc" }, { id: "desc" }]; take: number }) => Promise<T[]>,
): Promise<NewestFirstPage<T>> {
  const rows = await read({ where: { AND: [scope, afterCursor(cursor)] }, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: pageSize + 1 });
  return newestFirstPage(rows, pageSize);
}

/** Every page of a log, newest first, from the first (for the CSV exports). */
export async function* eachNewestFirstPage<T>(readPage: (cursor: AuditCursor | null) => Promise<NewestFirstPage<T>>): AsyncGenerator<T[]> {
  let cursor: AuditCursor | null = null;
  for (;;) {
    const { events, nextCursor } = await readPage(cursor);
    if (events.length > 0) yield events;
    if (!nextCursor) return;
    cursor = decodeAuditCursor(nextCursor);
  }
}

/** How many rows a filter matches, for a log's footer; `count` is asked for at most `limit + 1`, so a broad filter stays cheap. */
export async function countUpTo(limit: number, count: (take: number) => Promise<number>): Promise<{ count: number; more: boolean }> {
  const counted = await count(limit + 1);
  return { count: Math.min(counted, limit), more: counted > limit };
}

const AUDIT_SELECT = {
  id: true,
  createdAt: true,
  actorLabel: true,
  action: true,
  targetType: true,
  targetId: true,
  targetLabel: true,
  changes: true,
  ip: true,
} satisfies Prisma.AuditEventSelect;

export type StoredAuditEvent = Prisma.AuditEventGetPayload<{ select: typeof AUDIT_SELECT }>;

/** One page of the organization's audit events matching the filter, newest first (see `readNewestFirstPage`). */
export async function listAuditEvents(
  organizationId: string,
  filter: AuditLogFilter,
  cursor: AuditCursor | null,
  pageSize = AUDIT_PAGE_SIZE,
  now = new Date(),
) {
  return readNewestFirstPage(auditScope(organizationId, filter, now), cursor, pageSize, (args) => db.auditEvent.findMany({ ...args, select: AUDIT_SELECT }));
}

/** How many events the filter matches, for the page's footer; counting stops at `limit` so a broad filter stays cheap. */
export async function countAuditEvents(
  organizationId: string,
  filter: AuditLogFilter,
  limit = 10_000,
  now = new Date(),
): Promise<{ count: number; more: boolean }> {
  return countUpTo(limit, (take) => db.auditEvent.count({ where: auditScope(organizationId, filter, now), take }));
}

/** Every matching event, newest first, a page at a time (for the CSV export). */
export function eachAuditEvent(organizationId: string, filter: AuditLogFilter, pageSize = 1_000): AsyncGenerator<StoredAuditEvent[]> {
  const now = new Date();
  return eachNewestFirstPage((cursor) => listAuditEvents(organizationId, filter, cursor, pageSize, now));
}

/** Who appears in the log, in alphabetical order, for the "Who" filter: one index probe per person (a loose index scan). */
export async function listAuditActors(organizationId: string, limit = 200): Promise<string[]> {
  const rows = await db.$queryRaw<{ label: string }[]>`
    WITH RECURSIVE actors AS (
      (SELECT actor_label AS label FROM audit_events WHERE organization_id = ${organizationId}::uuid ORDER BY actor_label LIMIT 1)
      UNION ALL
      SELECT (
        SELECT e.actor_label FROM audit_events e
        WHERE e.organization_id = ${organizationId}::uuid AND e.actor_label > a.label ORDER BY e.actor_label LIMIT 1
      ) FROM actors a WHERE a.label IS NOT NULL
    )
    SELECT label FROM actors WHERE label IS NOT NULL LIMIT ${limit}`;
  return rows.map((row) => row.label);
}

/**
 * Which targets of these events still exist, as `type:id`, so the log links
 * only to people, groups and apps that are still there.
 */
export async function existingAuditTargets(organizationId: string, events: readonly { targetType: string; targetId: string | null }[]): Promise<Set<string>> {
  const ids = (type: string) => [
    ...new Set(
      events.filter((event) => event.targetType === type && event.targetId && z.guid().safeParse(event.targetId).success).map((event) => event.targetId!),
    ),
  ];
  const [users, groups, apps] = await Promise.all([
    ids("user").length ? db.user.findMany({ where: { organizationId, id: { in: ids("user") } }, select: { id: true } }) : [],
    ids("group").length ? db.group.findMany({ where: { organizationId, id: { in: ids("group") } }, select: { id: true } }) : [],
    ids("app").length ? db.app.findMany({ where: { organizationId, id: { in: ids("app") } }, select: { id: true } }) : [],
  ]);
  return new Set([...users.map(({ id }) => `user:${id}`), ...groups.map(({ id }) => `group:${id}`), ...apps.map(({ id }) => `app:${id}`)]);
}

const TARGET_PATHS: Record<string, string> = { user: "/users", group: "/groups", app: "/applications" };

/** The page of an event's target, when it still exists (`existing` from `existingAuditTargets`) and the viewer may open it. */
export function auditTargetHref(event: { targetType: string; targetId: string | null }, existing: ReadonlySet<string>, canViewApps: boolean): string | null {
  const base = TARGET_PATHS[event.targetType];
  if (!base || !event.targetId || !existing.has(`${event.targetType}:${event.targetId}`)) return null;
  if (event.targetType === "app" && !canViewApps) return null;
  return `${base}/${event.targetId}`;
}

/**
 * What changed in an app (its Sync endpoint, its token's expiry, its mapping) is app data: an admin without
 * "view apps" sees the event, not its changes. The page and the export apply it alike.
 */
export function withoutAppChanges<T extends { targetType: string; changes: unknown }>(events: readonly T[], canViewApps: boolean): T[] {
  return canViewApps ? [...events] : events.map((event) => (event.targetType === "app" ? { ...event, changes: null } : event));
}
