import "server-only";
import type { JobHelpers, TaskList } from "graphile-worker";
import { readEnv } from "../../env";
import { enqueueFromJob } from "../../queue/enqueue";
import { jobs } from "../../queue/jobs";
import { reconcileUser, syncPairs } from "../sync/sync-pairs";
import { reconcileGroup } from "../sync/sync-group";
import { startPeopleRun } from "../sync/sync-runs";

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
    if (result.busy) {
      // Another sync holds this person (a Sync now batch, Provision now): come back when it is done. Not a deferral of
      // the app's, so it does not count against WORKER_MAX_DEFERRALS; the holder's requests have a deadline.
      await enqueueFromJob(helpers, jobs.reconcile, payload, { runAt: new Date(Date.now() + (result.retry?.retryAfterMs ?? 1000)) });
      return;
    }
    if (!result.retry) return;
    const deferrals = payload.deferrals ?? 0;
    if (result.retry.retryAfterMs !== null && deferrals < readEnv("WORKER_MAX_DEFERRALS")) {
      await enqueueFromJob(helpers, jobs.reconcile, { ...payload, deferrals: deferrals + 1 }, { runAt: new Date(Date.now() + result.retry.retryAfterMs) });
      return;
    }
    throw new Error(result.retry.reason);
  },

  /** A sync run's people, SYNC_BATCH_SIZE at a time; whoever it passes on counts in their own job. */
  async [jobs.reconcileBatch.task](rawPayload: unknown, helpers: JobHelpers) {
    const payload = jobs.reconcileBatch.payload.parse(rawPayload);
    await syncPairs(payload.appId, payload.userIds, { syncRunId: payload.syncRunId, attempt: helpers.job.attempts, batch: true });
  },

  /** One pushed group of an app: the group itself and its members. */
  async [jobs.reconcileGroup.task](rawPayload: unknown, helpers: JobHelpers) {
    const payload = jobs.reconcileGroup.payload.parse(rawPayload);
    const result = await reconcileGroup(payload.appId, payload.groupId, { attempt: helpers.job.attempts });
    if (result.busy || result.stale) {
      await enqueueFromJob(helpers, jobs.reconcileGroup, payload, { runAt: new Date(Date.now() + (result.busy ? 1000 : 0)) });
      return;
    }
    if (result.retry) throw new Error(result.retry.reason);
  },

  /** Many people's access to an app changed at once (a group's change): one sync run over them. */
  async [jobs.reconcilePeople.task](rawPayload: unknown) {
    const { appId, userIds, reason } = jobs.reconcilePeople.payload.parse(rawPayload);
    await startPeopleRun(appId, userIds, reason);
  },
};
