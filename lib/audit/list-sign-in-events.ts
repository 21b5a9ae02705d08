import "server-only";
import type { Prisma } from "../generated/prisma/client";
import { db } from "../db";
import { csvDownloadResponse } from "../csv/csv-download-response";
import { formatCsvRow } from "../csv/neutralise-csv-cell";
import { countUpTo, createdAtWhere, decodeAuditCursor, eachNewestFirstPage, readNewestFirstPage, type AuditCursor } from "./list-audit-events";
import { SIGN_IN_REASONS, type SignInReason } from "./record-sign-in";
import { SIGN_IN_OUTCOME_LABELS, type SignInLogFilter } from "./schemas";

export const SIGN_IN_PAGE_SIZE = 25;

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
      createdAtWhere(filter, now),
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

/** One page of sign-ins, newest first (see `readNewestFirstPage`). */
export async function listSignInEvents(
  organizationId: string,
  filter: SignInLogFilter,
  cursor: AuditCursor | null,
  pageSize = SIGN_IN_PAGE_SIZE,
  now = new Date(),
) {
  return readNewestFirstPage(signInScope(organizationId, filter, now), cursor, pageSize, (args) => db.signInEvent.findMany({ ...args, select: SELECT }));
}

export { decodeAuditCursor as decodeSignInCursor };

export async function countSignInEvents(organizationId: string, filter: SignInLogFilter, limit = 10_000): Promise<{ count: number; more: boolean }> {
  return countUpTo(limit, (take) => db.signInEvent.count({ where: signInScope(organizationId, filter), take }));
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
  for await (const events of eachNewestFirstPage((cursor) => listSignInEvents(organizationId, filter, cursor, 1_000, now))) {
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
  }
}

/** The sign-ins for the same filters as the page, as a streamed CSV download. */
export function signInCsvResponse(organizationId: string, filter: SignInLogFilter): Response {
  return csvDownloadResponse(exportSignInCsv(organizationId, filter), `roster-sign-in-log-${new Date().toISOString().slice(0, 10)}.csv`);
}
