import "server-only";
import type { Tx } from "../../db";

/** Attempts before graphile-worker gives up on a pair; with its backoff that is about a day. */
const MAX_ATTEMPTS = 25;

export function reconcileJobKey(appId: string, userId: string): string {
  return `reconcile:${appId}:${userId}`;
}

/**
 * Marks (app, user) pairs whose accounts may now differ from the directory,
 * inside the transaction that changed the directory: graphile-worker's
 * `add_job` is plain SQL, so the job exists if and only if the change
 * committed. The job key coalesces repeated marks into one pending job.
 */
export async function markForReconcile(tx: Tx, appIds: readonly string[], userIds: readonly string[]): Promise<void> {
  if (appIds.length === 0 || userIds.length === 0) return;
  await tx.$executeRaw`
    SELECT graphile_worker.add_job(
      'reconcile',
      json_build_object('appId', app_id, 'userId', user_id),
      job_key := 'reconcile:' || app_id || ':' || user_id,
      max_attempts := ${MAX_ATTEMPTS}
    )
    FROM unnest(${[...appIds]}::uuid[]) AS app_id CROSS JOIN unnest(${[...userIds]}::uuid[]) AS user_id`;
}
