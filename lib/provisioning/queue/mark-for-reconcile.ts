import "server-only";
import type { Tx } from "../../db";

/** Attempts before graphile-worker gives up on a pair; with its backoff that is about a day. */
const MAX_ATTEMPTS = 25;
/** Pairs per add_jobs call, so one huge sync does not build one huge statement. */
const CHUNK = 5_000;

export function reconcileJobKey(appId: string, userId: string): string {
  return `reconcile:${appId}:${userId}`;
}

/**
 * Queues `reconcile` for every (app, user) pair, in the caller's transaction:
 * graphile-worker's `add_jobs` is plain SQL, so the jobs exist if and only if
 * the transaction commits. The job key coalesces a pair's repeated marks into
 * one pending job; a `syncRunId` lets a "Sync now" count its progress.
 */
export async function enqueueReconcile(tx: Tx, appIds: readonly string[], userIds: readonly string[], { syncRunId }: { syncRunId?: string } = {}): Promise<void> {
  if (appIds.length === 0 || userIds.length === 0) return;
  for (let start = 0; start < userIds.length; start += CHUNK) {
    const chunk = userIds.slice(start, start + CHUNK);
    await tx.$executeRaw`
      SELECT graphile_worker.add_jobs(array(
        SELECT ROW(
          'reconcile',
          json_strip_nulls(json_build_object('appId', app_id, 'userId', user_id, 'syncRunId', ${syncRunId ?? null}::text)),
          NULL, NULL, ${MAX_ATTEMPTS}, 'reconcile:' || app_id || ':' || user_id, NULL, NULL
        )::graphile_worker.job_spec
        FROM unnest(${[...appIds]}::text[]) AS app_id CROSS JOIN unnest(${chunk}::text[]) AS user_id
      ))`;
  }
}

/**
 * Marks the pairs whose accounts may now differ from the directory. Every
 * directory write calls this in its own transaction.
 */
export async function markForReconcile(tx: Tx, appIds: readonly string[], userIds: readonly string[]): Promise<void> {
  await enqueueReconcile(tx, appIds, userIds);
}
