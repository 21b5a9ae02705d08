import "server-only";
import type { JobHelpers, TaskList } from "graphile-worker";
import { enqueueFromJob } from "../../queue/enqueue";
import { jobs } from "../../queue/jobs";
import { reconcileBatch } from "./reconcile-batch";
import { reconcileUser } from "./reconcile-user";
import { countSyncRunProgress } from "./sync-runs";

/**
 * The worker's jobs. `reconcile` brings one (app, user) pair in line. A rate
 * limit from the app reschedules the job for when the app said to come back,
 * without counting a failed attempt; other retryable failures throw, and
 * graphile-worker retries them with exponential backoff.
 */
export const taskList: TaskList = {
  async [jobs.reconcile.task](rawPayload: unknown, helpers: JobHelpers) {
    const payload = jobs.reconcile.payload.parse(rawPayload);
    const result = await reconcileUser(payload.appId, payload.userId, { syncRunId: payload.syncRunId, attempt: helpers.job.attempts });
    if (result.retry) {
      if (result.retry.retryAfterMs !== null) {
        await enqueueFromJob(helpers, jobs.reconcile, payload, { runAt: new Date(Date.now() + result.retry.retryAfterMs) });
        return;
      }
      const lastAttempt = helpers.job.attempts >= helpers.job.max_attempts;
      if (payload.syncRunId && lastAttempt) await countSyncRunProgress(payload.syncRunId, true);
      throw new Error(result.retry.reason);
    }
    if (payload.syncRunId) await countSyncRunProgress(payload.syncRunId, result.steps.some((step) => step.outcome === "failed"));
  },

  /** A sync run's people, SYNC_BATCH_SIZE at a time; whoever it hands off counts in their own job. */
  async [jobs.reconcileBatch.task](rawPayload: unknown, helpers: JobHelpers) {
    const payload = jobs.reconcileBatch.payload.parse(rawPayload);
    const result = await reconcileBatch(payload.appId, payload.userIds, { syncRunId: payload.syncRunId, attempt: helpers.job.attempts });
    await countSyncRunProgress(payload.syncRunId, { done: result.done + result.failed, failed: result.failed });
  },
};
