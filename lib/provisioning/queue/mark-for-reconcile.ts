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
export async function enqueueReconcile(
  tx: Tx,
  appIds: readonly string[],
  userIds: readonly string[],
  { syncRunId, runAt }: { syncRunId?: string; runAt?: Date } = {},
): Promise<void> {
  if (appIds.length === 0 || userIds.length === 0) return;
  for (let start = 0; start < userIds.length; start += CHUNK) {
    const chunk = userIds.slice(start, start + CHUNK);
    await tx.$executeRaw`
      SELECT graphile_worker.add_jobs(array(
        SELECT ROW(
          'reconcile',
          json_strip_nulls(json_build_object('appId', app_id, 'userId', user_id, 'syncRunId', ${syncRunId ?? null}::text)),
          NULL, ${runAt ?? null}::timestamptz, ${MAX_ATTEMPTS}, 'reconcile:' || app_id || ':' || user_id, NULL, NULL
        )::graphile_worker.job_spec
        FROM unnest(${[...appIds]}::text[]) AS app_id CROSS JOIN unnest(${chunk}::text[]) AS user_id
      ))`;
  }
}

/** People per `reconcile-batch` job of a sync run: enough to share the bulk statements (250 synced 10,000 people ~20 % faster than 100), few enough that a retried batch repeats little. */
export const SYNC_BATCH_SIZE = 250;
const MIN_BATCH_SIZE = 25;

/**
 * Queues a sync run's people as `reconcile-batch` jobs of up to SYNC_BATCH_SIZE, in
 * the caller's transaction. Each person is in one batch; a batch hands anyone
 * it cannot finish to that person's own `reconcile` job.
 */
export async function enqueueReconcileBatches(tx: Tx, appId: string, userIds: readonly string[], { syncRunId }: { syncRunId: string }): Promise<void> {
  // Smaller batches for smaller runs, so the progress bar moves in steps of about 2.5 % whatever the size.
  const size = Math.min(SYNC_BATCH_SIZE, Math.max(MIN_BATCH_SIZE, Math.ceil(userIds.length / 40)));
  for (let start = 0; start < userIds.length; start += CHUNK) {
    const chunk = userIds.slice(start, start + CHUNK);
    await tx.$executeRaw`
      SELECT graphile_worker.add_jobs(array(
        SELECT ROW(
          'reconcile-batch',
          json_build_object('appId', ${appId}::text, 'syncRunId', ${syncRunId}::text, 'userIds', array_agg(user_id ORDER BY position)),
          NULL, NULL, ${MAX_ATTEMPTS}, NULL, NULL, NULL
        )::graphile_worker.job_spec
        FROM unnest(${chunk}::text[]) WITH ORDINALITY AS people(user_id, position)
        GROUP BY (position - 1) / ${size}
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
