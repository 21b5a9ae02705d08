import "server-only";
import { db, type Tx } from "../../db";
import { enqueueMany } from "../../queue/enqueue";
import { jobs } from "../../queue/jobs";
import { enqueueReconcile } from "../../queue/mark-for-reconcile";
import type { PairOutcome } from "./execute";

/**
 * The engine's last step: writes what a batch of pairs did, in one short transaction after every
 * request has ended: the log rows, the accounts, the follow-up jobs of those to try again, and the
 * Sync now run's progress. Bulk statements in plain SQL: through the ORM, building these for a
 * batch of rows cost more CPU than its requests.
 */
export interface RecordOptions {
  appId: string;
  syncRunId: string | null;
  /** The job's attempt, kept on each log row. */
  attempt: number;
  /** People to give a `reconcile` job of their own, with when to start it. */
  followUps: readonly { userId: string; runAt: Date | null }[];
  /** People whose first attempt in the run this was, to count in its progress. */
  progress: readonly PersonOutcome[];
  /** People whose account came or went: the pushed groups they are in get a `reconcile-group` job. */
  membersChanged?: readonly string[];
}

export async function recordOutcomes(outcomes: readonly PairOutcome[], options: RecordOptions): Promise<void> {
  const operations = outcomes.flatMap((outcome) =>
    outcome.records.map((record) => ({
      user_id: outcome.userId,
      user_label: outcome.label,
      kind: record.kind,
      status: record.status,
      http_status: record.httpStatus,
      message: record.message,
      error_kind: record.errorKind,
      changes: record.changes ?? null,
      duration_ms: record.durationMs,
      created_at: record.at.toISOString(),
    })),
  );
  const accounts = outcomes
    .filter((outcome) => outcome.account !== null)
    .map((outcome) => ({
      user_id: outcome.userId,
      user_label: outcome.label,
      remote_id: outcome.account!.remoteId,
      remote_user_name: outcome.account!.remoteUserName,
      remote_external_id: outcome.account!.externalId,
      pushed_values: outcome.account!.pushedValues,
      state: outcome.account!.state,
      last_error: outcome.lastError,
    }));
  const errors = outcomes.filter((outcome) => outcome.account === null && outcome.lastError !== null);
  const membersChanged = options.membersChanged ?? [];
  if (
    operations.length === 0 &&
    accounts.length === 0 &&
    errors.length === 0 &&
    options.followUps.length === 0 &&
    options.progress.length === 0 &&
    membersChanged.length === 0
  )
    return;

  await db.$transaction(async (tx) => {
    const now = new Date();
    if (operations.length > 0) {
      await tx.$executeRaw`
        INSERT INTO operations (id, app_id, user_id, user_label, sync_run_id, kind, status, http_status, message, error_kind, changes, attempt, duration_ms, created_at)
        SELECT gen_random_uuid(), ${options.appId}::uuid, r.user_id, r.user_label, ${options.syncRunId}::uuid, r.kind::"OperationKind", r.status::"OperationStatus",
          r.http_status, r.message, r.error_kind, NULLIF(r.changes, 'null'::jsonb), ${options.attempt}, r.duration_ms, r.created_at
        FROM jsonb_to_recordset(${JSON.stringify(operations)}::jsonb)
          AS r(user_id uuid, user_label text, kind text, status text, http_status integer, message text, error_kind text, changes jsonb, duration_ms integer, created_at timestamptz)`;
    }
    if (accounts.length > 0) {
      await tx.$executeRaw`
        INSERT INTO accounts (id, app_id, user_id, user_label, remote_id, remote_user_name, remote_external_id, pushed_values, state, last_error, last_error_at, last_synced_at, updated_at)
        SELECT gen_random_uuid(), ${options.appId}::uuid, r.user_id, r.user_label, r.remote_id, r.remote_user_name, r.remote_external_id, r.pushed_values, r.state::"AccountState",
          r.last_error, CASE WHEN r.last_error IS NULL THEN NULL ELSE ${now}::timestamptz END, ${now}, ${now}
        FROM jsonb_to_recordset(${JSON.stringify(accounts)}::jsonb)
          AS r(user_id uuid, user_label text, remote_id text, remote_user_name text, remote_external_id text, pushed_values jsonb, state text, last_error text)
        ON CONFLICT (app_id, user_id) DO UPDATE SET
          user_label = excluded.user_label, remote_id = excluded.remote_id, remote_user_name = excluded.remote_user_name, remote_external_id = excluded.remote_external_id,
          pushed_values = excluded.pushed_values, state = excluded.state, last_error = excluded.last_error, last_error_at = excluded.last_error_at,
          last_synced_at = excluded.last_synced_at, updated_at = excluded.updated_at`;
    }
    if (errors.length > 0) {
      await tx.$executeRaw`
        UPDATE accounts SET last_error = r.last_error, last_error_at = ${now}, updated_at = ${now}
        FROM jsonb_to_recordset(${JSON.stringify(errors.map((outcome) => ({ user_id: outcome.userId, last_error: outcome.lastError })))}::jsonb)
          AS r(user_id uuid, last_error text)
        WHERE accounts.app_id = ${options.appId}::uuid AND accounts.user_id = r.user_id`;
    }
    await enqueueFollowUps(tx, options.appId, options.followUps, options.syncRunId);
    if (membersChanged.length > 0) await markPushedGroupsOf(tx, options.appId, membersChanged);
    if (options.syncRunId) await countSyncRunProgress(options.syncRunId, options.progress, tx);
  });
}

/** Queues a `reconcile-group` for each group of the app's pushed groups that any of these people is in. */
async function markPushedGroupsOf(tx: Tx, appId: string, userIds: readonly string[]): Promise<void> {
  const groups = await tx.$queryRaw<{ groupId: string }[]>`
    SELECT DISTINCT ga.group_id::text AS "groupId"
    FROM group_assignments ga JOIN group_members gm ON gm.group_id = ga.group_id
    WHERE ga.app_id = ${appId}::uuid AND ga.push AND gm.user_id = ANY(${userIds}::uuid[])`;
  await enqueueMany(
    tx,
    jobs.reconcileGroup,
    groups.map(({ groupId }) => ({ appId, groupId })),
  );
}

/** Gives each person to try again a `reconcile` job of their own, committed with the outcomes that say why. */
async function enqueueFollowUps(tx: Tx, appId: string, followUps: RecordOptions["followUps"], syncRunId: string | null): Promise<void> {
  const now = followUps.filter((followUp) => followUp.runAt === null).map((followUp) => followUp.userId);
  if (now.length > 0) await enqueueReconcile(tx, [appId], now, { syncRunId: syncRunId ?? undefined });
  for (const followUp of followUps.filter((candidate) => candidate.runAt !== null)) {
    await enqueueReconcile(tx, [appId], [followUp.userId], { syncRunId: syncRunId ?? undefined, runAt: followUp.runAt! });
  }
}

export interface PersonOutcome {
  userId: string;
  failed: boolean;
}

/**
 * Counts people of a run as done when an attempt of theirs ends, each once: the first outcome
 * counts (so the run ends when everyone has had a first attempt, however often a job is retried
 * or taken over from a dead worker), and a later success of someone who failed takes them off the
 * run's failures, also after the run ended. The run completes with its last person.
 */
export async function countSyncRunProgress(syncRunId: string, outcomes: readonly PersonOutcome[], client: Tx = db): Promise<void> {
  if (outcomes.length === 0) return;
  await client.$executeRaw`
    WITH recorded AS (
      INSERT INTO sync_run_people (sync_run_id, user_id, failed)
      SELECT ${syncRunId}::uuid, outcome.user_id, outcome.failed
      FROM unnest(${outcomes.map((outcome) => outcome.userId)}::uuid[], ${outcomes.map((outcome) => outcome.failed)}::boolean[]) AS outcome(user_id, failed)
      ON CONFLICT (sync_run_id, user_id) DO UPDATE SET failed = false
        WHERE sync_run_people.failed AND NOT excluded.failed
      RETURNING (xmax = 0) AS first, failed
    ),
    counts AS (
      SELECT count(*) FILTER (WHERE first)::int AS done,
             count(*) FILTER (WHERE first AND failed)::int AS failed,
             count(*) FILTER (WHERE NOT first)::int AS recovered
      FROM recorded
    )
    UPDATE sync_runs SET
      done = LEAST(total, sync_runs.done + counts.done),
      failed = GREATEST(0, sync_runs.failed + counts.failed - counts.recovered),
      status = CASE WHEN sync_runs.done + counts.done >= total AND status = 'RUNNING' THEN 'COMPLETED'::"SyncRunStatus" ELSE status END,
      finished_at = CASE WHEN sync_runs.done + counts.done >= total AND status = 'RUNNING' THEN now() ELSE finished_at END
    FROM counts
    WHERE id = ${syncRunId}::uuid AND (counts.done > 0 OR counts.recovered > 0)`;
}
