import "server-only";
import type { Tx } from "../db";
import { enqueueMany } from "./enqueue";
import { jobs } from "./jobs";

/**
 * Queues `reconcile` for every (app, user) pair, in the caller's transaction. The job key coalesces
 * a pair's repeated marks into one pending job; a `syncRunId` lets a "Sync now" count its progress.
 */
export async function enqueueReconcile(
  tx: Tx,
  appIds: readonly string[],
  userIds: readonly string[],
  { syncRunId, runAt }: { syncRunId?: string; runAt?: Date } = {},
): Promise<void> {
  const payloads = appIds.flatMap((appId) => userIds.map((userId) => ({ appId, userId, syncRunId })));
  await enqueueMany(tx, jobs.reconcile, payloads, { runAt });
}

/** Queues `reconcile` for exactly these (app, person) pairs, in the caller's transaction. */
export async function markPairsForReconcile(tx: Tx, pairs: readonly { appId: string; userId: string }[]): Promise<void> {
  await enqueueMany(
    tx,
    jobs.reconcile,
    pairs.map(({ appId, userId }) => ({ appId, userId })),
  );
}

/** People per `reconcile-batch` job of a sync run: enough to share the bulk statements (250 synced 10,000 people ~20 % faster than 100), few enough that a retried batch repeats little. */
export const SYNC_BATCH_SIZE = 250;
const MIN_BATCH_SIZE = 25;

/**
 * Queues a sync run's people as `reconcile-batch` jobs of up to SYNC_BATCH_SIZE, in the caller's
 * transaction. Each person is in one batch; a batch hands anyone it cannot finish to that person's
 * own `reconcile` job.
 */
export async function enqueueReconcileBatches(tx: Tx, appId: string, userIds: readonly string[], { syncRunId }: { syncRunId: string }): Promise<void> {
  // Smaller batches for smaller runs, so the progress bar moves in steps of about 2.5 % whatever the size.
  const size = Math.min(SYNC_BATCH_SIZE, Math.max(MIN_BATCH_SIZE, Math.ceil(userIds.length / 40)));
  const batches: { appId: string; syncRunId: string; userIds: string[] }[] = [];
  for (let start = 0; start < userIds.length; start += size) batches.push({ appId, syncRunId, userIds: userIds.slice(start, start + size) });
  await enqueueMany(tx, jobs.reconcileBatch, batches);
}

/**
 * Marks groups whose copy in an app may now differ (members joined or left, renamed, deleted, pushed or no longer
 * pushed), in the caller's transaction: a `reconcile-group` job for each app that pushes the group, or still has a
 * copy of it to delete. Restricted to one app when `appId` is given.
 */
export async function markGroupsForReconcile(tx: Tx, groupIds: readonly string[], { appId }: { appId?: string } = {}): Promise<void> {
  if (groupIds.length === 0) return;
  const pairs = await tx.$queryRaw<{ appId: string; groupId: string }[]>`
    SELECT ga.app_id::text AS "appId", ga.group_id::text AS "groupId"
    FROM group_assignments ga JOIN apps ON apps.id = ga.app_id AND apps.push_groups
    WHERE ga.group_id = ANY(${groupIds}::uuid[]) AND ga.push AND (${appId ?? null}::uuid IS NULL OR ga.app_id = ${appId ?? null}::uuid)
    UNION
    SELECT app_id::text, group_id::text FROM app_groups
    WHERE group_id = ANY(${groupIds}::uuid[]) AND state <> 'DELETED' AND (${appId ?? null}::uuid IS NULL OR app_id = ${appId ?? null}::uuid)`;
  await enqueueMany(tx, jobs.reconcileGroup, pairs);
}

/** Up to this many people of one app are marked as single reconciles; more become one sync run (`reconcile-people`). */
export const SMALL_FAN_OUT = 50;
const PEOPLE_PER_RUN_JOB = 10_000;

/**
 * Marks people of one app whose access changed together (a group's change), in the caller's transaction:
 * a few become single reconciles, many become a sync run with progress (batched, never a job per person).
 */
export async function markPeopleForReconcile(tx: Tx, appId: string, userIds: readonly string[], reason: string): Promise<void> {
  if (userIds.length === 0) return;
  if (userIds.length <= SMALL_FAN_OUT) return enqueueReconcile(tx, [appId], userIds);
  const payloads: { appId: string; userIds: string[]; reason: string }[] = [];
  for (let start = 0; start < userIds.length; start += PEOPLE_PER_RUN_JOB) {
    payloads.push({ appId, userIds: userIds.slice(start, start + PEOPLE_PER_RUN_JOB), reason });
  }
  await enqueueMany(tx, jobs.reconcilePeople, payloads);
}

/**
 * Marks the pairs whose accounts may now differ from the directory. Every directory write calls
 * this in its own transaction.
 */
export async function markForReconcile(tx: Tx, appIds: readonly string[], userIds: readonly string[]): Promise<void> {
  await enqueueReconcile(tx, appIds, userIds);
}

/**
 * Marks everyone an app provisions or still has an account for (its sync scope), in the caller's transaction:
 * for a change that can alter what every person's account should hold (the field mapping, the plan that decides
 * which mapping applies). Few people become single reconciles, many a sync run with progress.
 */
export async function markAppScopeForReconcile(tx: Tx, appId: string, reason: string): Promise<void> {
  const rows = await tx.$queryRaw<{ userId: string }[]>`
    SELECT user_id::text AS "userId" FROM assignments WHERE app_id = ${appId}::uuid
    UNION
    SELECT gm.user_id::text FROM group_assignments ga JOIN group_members gm ON gm.group_id = ga.group_id WHERE ga.app_id = ${appId}::uuid
    UNION
    SELECT user_id::text FROM accounts WHERE app_id = ${appId}::uuid AND state <> 'DELETED'`;
  await markPeopleForReconcile(
    tx,
    appId,
    rows.map((row) => row.userId),
    reason,
  );
}
