import "server-only";
import type { Prisma } from "../generated/prisma/client";
import { db } from "../db";
import { csvDownloadResponse } from "../csv/csv-download-response";
import { formatCsvRow } from "../csv/neutralise-csv-cell";
import { afterCursor, decodeAuditCursor, newestFirstPage, type AuditCursor } from "./list-audit-events";
import { SIGN_IN_REASONS, type SignInReason } from "./record-sign-in";
import { AUDIT_RANGE_MS, SIGN_IN_OUTCOME_LABELS, type SignInLogFilter } from "./schemas";

export const SIGN_IN_PAGE_SIZE = 25;
const DAY_MS = 24 * 60 * 60 * 1000;

function timeWhere(filter: SignInLogFilter, now: Date): Prisma.SignInEventWhereInput {
  const bounds: Prisma.DateTimeFilter = {};
  if (filter.range) bounds.gte = new Date(now.getTime() - AUDIT_RANGE_MS[filter.range]);
  else {
    if (filter.from) bounds.gte = new Date(`${filter.from}T00:00:00.000Z`);
    if (filter.to) bounds.lt = new Date(Date.parse(`${filter.to}T00:00:00.000Z`) + DAY_MS);
  }
  return Object.keys(bounds).length > 0 ? { createdAt: bounds } : {};
}

/** The organization's sign-ins matching the filter (a preset range wins over from/to dates). */
export function signInScope(organizationId: string, filter: SignInLogFilter, now = new Date()): Prisma.SignInEventWhereInput {
  return {
    organizationId,
    AND: [
      filter.who ? { userLabel: filter.who } : {},
      filter.outcome ? { outcome: filter.outcome } : {},
      filter.app === "roster" ? { appId: null, appLabel: null } : filter.app ? { appId: filter.app } : {},
      filter.q
        ? {
            OR: [
              { userLabel: { contains: filter.q, mode: "insensitive" } },
              { appLabel: { contains: filter.q, mode: "insensitive" } },
              { ip: { contains: filter.q } },
            ],
          }
        : {},
      timeWhere(filter, now),
    ],
  };
}

const SELECT = {
  id: true,
  createdAt: true,
  userId: true,
  userLabel: true,
  appId: true,
  appLabel: true,
  outcome: true,
  reason: true,
  method: true,
  ip: true,
} satisfies Prisma.SignInEventSelect;

export type StoredSignInEvent = Prisma.SignInEventGetPayload<{ select: typeof SELECT }>;

/** One page of sign-ins, newest first, keyset-paged on (createdAt, id). */
export async function listSignInEvents(
  organizationId: string,
  filter: SignInLogFilter,
  cursor: AuditCursor | null,
  pageSize = SIGN_IN_PAGE_SIZE,
  now = new Date(),
) {
  const rows = await db.signInEvent.findMany({
    where: { AND: [signInScope(organizationId, filter, now), afterCursor(cursor)] },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: pageSize + 1,
    select: SELECT,
  });
  return newestFirstPage(rows, pageSize);
}

export { decodeAuditCursor as decodeSignInCursor };

export async function countSignInEvents(organizationId: string, filter: SignInLogFilter, limit = 10_000): Promise<{ count: number; more: boolean }> {
  const count = await db.signInEvent.count({ where: signInScope(organizationId, filter), take: limit + 1 });
  return { count: Math.min(count, limit), more: count > limit };
}

/** The people and the apps in the log, for the "Who" and "Where" filters. */
export async function signInFilterOptions(organizationId: string): Promise<{ people: string[]; apps: { id: string; name: string }[] }> {
  const [people, apps] = await Promise.all([
    db.signInEvent.findMany({ where: { organizationId }, distinct: ["userLabel"], orderBy: { userLabel: "asc" }, select: { userLabel: true }, take: 200 }),
    db.app.findMany({ where: { organizationId }, orderBy: { name: "asc" }, select: { id: true, name: true }, take: 200 }),
  ]);
  return { people: people.map((row) => row.userLabel), apps };
}

/** The reason's words, or the stored key when it is one this version does not know. */
export const signInReasonText = (reason: string | null) => (reason ? (SIGN_IN_REASONS[reason as SignInReason] ?? reason) : "");

const HEADER = ["Time (UTC)", "Person", "Signed in to", "Outcome", "Reason", "Method", "IP"];

async function* exportSignInCsv(organizationId: string, filter: SignInLogFilter): AsyncGenerator<string> {
  yield `\uFEFF${formatCsvRow(HEADER)}`;
  const now = new Date();
  let cursor: AuditCursor | null = null;
  for (;;) {
    const { events, nextCursor } = await listSignInEvents(organizationId, filter, cursor, 1_000, now);
    yield events
      .map((event) =>
        formatCsvRow([
          event.createdAt.toISOString(),
          event.userLabel,
          event.appLabel ?? "Roster",
          SIGN_IN_OUTCOME_LABELS[event.outcome],
          signInReasonText(event.reason),
          event.method ?? "",
          event.ip ?? "",
        ]),
      )
      .join("");
    if (!nextCursor) return;
    cursor = decodeAuditCursor(nextCursor);
  }
}

/** The sign-ins for the same filters as the page, as a streamed CSV download. */
export function signInCsvResponse(organizationId: string, filter: SignInLogFilter): Response {
  return csvDownloadResponse(exportSignInCsv(organizationId, filter), `roster-sign-in-log-${new Date().toISOString().slice(0, 10)}.csv`);
}
