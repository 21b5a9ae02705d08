import "server-only";
import type { JobHelpers, TaskList } from "graphile-worker";
import { readEnv } from "../../env";
import { enqueueFromJob } from "../../queue/enqueue";
import { jobs } from "../../queue/jobs";
import { reconcileBatch } from "./reconcile-batch";
import { reconcileUser } from "./reconcile-user";
import { countSyncRunProgress } from "./sync-runs";

/**
 * The worker's jobs. `reconcile` brings one (app, user) pair in line. A rate limit from the app
 * reschedules the job for when the app said to come back, at most WORKER_MAX_DEFERRALS times
 * (re-adding the job starts its attempt count afresh, so without a bound an app answering 429 for
 * ever would keep a pair for ever); after that the wait counts as a failed attempt; other
 * retryable failures throw, and graphile-worker retries them with exponential backoff.
 *
 * A Sync now run counts each person when their first attempt ends, failed or not (a rate limit
 * counts as failed for now): the run finishes when everyone has been tried, and people still
 * failing keep being retried in the background without holding it; when they succeed later, the
 * run's failures go down (countSyncRunProgress).
 */
export const taskList: TaskList = {
  async [jobs.reconcile.task](rawPayload: unknown, helpers: JobHelpers) {
    const payload = jobs.reconcile.payload.parse(rawPayload);
    const { appId, userId, syncRunId } = payload;
    const result = await reconcileUser(appId, userId, { syncRunId, attempt: helpers.job.attempts });
    const failed = result.retry !== null || result.steps.some((step) => step.outcome === "failed");
    if (syncRunId) await countSyncRunProgress(syncRunId, [{ userId, failed }]);
    if (!result.retry) return;
    const deferrals = payload.deferrals ?? 0;
    if (result.retry.retryAfterMs !== null && deferrals < readEnv("WORKER_MAX_DEFERRALS")) {
      await enqueueFromJob(helpers, jobs.reconcile, { ...payload, deferrals: deferrals + 1 }, { runAt: new Date(Date.now() + result.retry.retryAfterMs) });
      return;
    }
    throw new Error(result.retry.reason);
  },

  /** A sync run's people, SYNC_BATCH_SIZE at a time; whoever it hands off counts in their own job. */
  async [jobs.reconcileBatch.task](rawPayload: unknown, helpers: JobHelpers) {
    const payload = jobs.reconcileBatch.payload.parse(rawPayload);
    const result = await reconcileBatch(payload.appId, payload.userIds, { syncRunId: payload.syncRunId, attempt: helpers.job.attempts });
    const handedOff = new Set(result.handedOffUserIds);
    const failed = new Set(result.failedUserIds);
    const outcomes = payload.userIds.filter((userId) => !handedOff.has(userId)).map((userId) => ({ userId, failed: failed.has(userId) }));
    await countSyncRunProgress(payload.syncRunId, outcomes);
  },
};
