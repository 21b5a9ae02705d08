import "server-only";
import { db } from "../../db";

/**
 * When an app stops by itself (quarantine), from its latest operations:
 * - 3 refusals of the token in a row: a refused token is refused every time, so there is no point in more;
 * - 30 failures in a row that are all refusals, timeouts or answers that are not SCIM: one of these can be a
 *   glitch (a request caught in a restart), but 30 in a row, each already retried by the client, means a wrong
 *   endpoint or an app that is down or hanging, and every further request would tie up a worker for nothing.
 * 429s and 5xx answers never count: the app says they pass, and they are retried with backoff.
 */
const QUARANTINE_AFTER_REFUSALS = 3;
const QUARANTINE_AFTER_UNUSABLE = 30;
const UNUSABLE_KINDS = ["unauthorized", "timeout", "invalidResponse"] as const;

/**
 * Stops the app (quarantine) when its latest operations show it cannot be worked with (see
 * QUARANTINE_AFTER_REFUSALS). Called after a failed reconcile has committed, never inside its
 * transaction: concurrent reconciles cannot see each other's uncommitted rows, so only a check after
 * the commit is sure that the last failure of a run sees the whole run.
 */
export async function quarantineIfFailingRepeatedly(appId: string): Promise<void> {
  const recent = await db.operation.findMany({
    where: { appId, status: { not: "SKIPPED" } },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: QUARANTINE_AFTER_UNUSABLE,
    select: { status: true, errorKind: true, httpStatus: true, message: true },
  });
  const unusable = (op: (typeof recent)[number], kinds: readonly string[]) => op.status === "FAILED" && op.errorKind !== null && kinds.includes(op.errorKind);
  const refused = recent.length >= QUARANTINE_AFTER_REFUSALS && recent.slice(0, QUARANTINE_AFTER_REFUSALS).every((op) => unusable(op, ["unauthorized"]));
  const failing = recent.length >= QUARANTINE_AFTER_UNUSABLE && recent.every((op) => unusable(op, UNUSABLE_KINDS));
  if (!refused && !failing) return;
  const reason = refused
    ? `The app refused the SCIM token on ${QUARANTINE_AFTER_REFUSALS} requests in a row (HTTP ${recent[0]!.httpStatus ?? 401}). ` +
      "Create a new token in the app, paste it in the Configure step and save, then click Resume: Roster checks the new token first, then sends every change made meanwhile."
    : `The app's last ${QUARANTINE_AFTER_UNUSABLE} answers could not be used: ${describeFailures(recent.map((op) => op.errorKind!))} (the last: ${recent[0]!.message}). ` +
      "Check that the app is up and that the Sync endpoint in the Configure step is its SCIM base URL, then click Resume: Roster checks the connection first, then sends every change made meanwhile.";
  // Only an active app is stopped, so the first reason and time stay when several reconciles see the same run.
  await db.app.updateMany({ where: { id: appId, state: "ACTIVE" }, data: { state: "QUARANTINED", quarantinedAt: new Date(), quarantineReason: reason } });
}

/** "12 timed out and 18 were not SCIM answers", from the failures' kinds. */
function describeFailures(kinds: readonly string[]): string {
  const words: Record<string, string> = { timeout: "timed out", invalidResponse: "were not SCIM answers", unauthorized: "refused the token" };
  const counts = new Map<string, number>();
  for (const kind of kinds) counts.set(kind, (counts.get(kind) ?? 0) + 1);
  const parts = [...counts].sort((a, b) => b[1] - a[1]).map(([kind, count]) => `${count} ${words[kind] ?? kind}`);
  return parts.length > 1 ? `${parts.slice(0, -1).join(", ")} and ${parts.at(-1)}` : (parts[0] ?? "");
}
