import "server-only";
import { MAPPABLE_PERSON_SELECT } from "../../directory/users/mappable-person";
import { AppError } from "../../app-error";
import { db } from "../../db";
import { recordAppChange, type AppWriteContext } from "../apps/app-audit";
import { toMappingRules } from "../apps/field-mappings";
import { mapValues, type MappedValues } from "../mapping/build-scim-user";
import { planOperations, type PlannedOperation } from "../plan/plan-operations";
import { enqueueReconcile, enqueueReconcileBatches } from "../../queue/mark-for-reconcile";
import { authorizeApp } from "../apps/authorize-app";

/** Every person a full sync looks at: the assigned ones, and anyone with an account Roster still tracks. */
async function pairsOf(appId: string): Promise<string[]> {
  const rows = await db.$queryRaw<{ user_id: string }[]>`
    SELECT user_id FROM assignments WHERE app_id = ${appId}::uuid
    UNION
    SELECT user_id FROM accounts WHERE app_id = ${appId}::uuid AND state <> 'DELETED'`;
  return rows.map((row) => row.user_id);
}

export interface PlannedChange {
  userId: string;
  label: string;
  operations: PlannedOperation[];
}

/**
 * What a sync would do, from the database alone (nothing is sent): the
 * planned operations per person, and the counts per kind. Used by Dry run and
 * by the deletion-safety check before a run.
 */
export async function planAppSync(organizationId: string, appId: string) {
  const app = await db.app.findFirst({
    where: { id: appId, organizationId },
    select: {
      id: true,
      syncCreate: true,
      syncUpdate: true,
      syncDelete: true,
      syncActivation: true,
      deletionThresholdPercent: true,
      deletionThresholdCount: true,
      organization: { select: { name: true } },
      fieldMappings: { select: { target: true, sourceField: true, hardcodedValue: true } },
    },
  });
  if (!app) throw new AppError("not_found", "This app no longer exists.");
  const rules = toMappingRules(app.fieldMappings);
  const userIds = await pairsOf(appId);
  const changes: PlannedChange[] = [];
  const counts: Record<string, number> = {};
  for (let start = 0; start < userIds.length; start += 1000) {
    const batch = userIds.slice(start, start + 1000);
    const [people, accounts] = await Promise.all([
      db.user.findMany({
        where: { id: { in: batch } },
        select: { ...MAPPABLE_PERSON_SELECT, assignments: { where: { appId }, select: { appId: true } } },
      }),
      db.account.findMany({
        where: { appId, userId: { in: batch } },
        select: { userId: true, userLabel: true, remoteId: true, state: true, pushedValues: true },
      }),
    ]);
    const personById = new Map(people.map((person) => [person.id, person]));
    const accountById = new Map(accounts.map((account) => [account.userId, account]));
    for (const userId of batch) {
      const person = personById.get(userId);
      const account = accountById.get(userId);
      const operations = planOperations(
        person
          ? {
              exists: true,
              assigned: person.assignments.length > 0,
              active: person.status === "ACTIVE",
              values: mapValues(person, rules, { organizationName: app.organization.name }),
            }
          : { exists: false },
        account ? { remoteId: account.remoteId, state: account.state, pushedValues: account.pushedValues as MappedValues } : null,
        app,
      );
      if (operations.length === 0) continue;
      for (const operation of operations)
        counts[operation.kind === "SKIP" ? "SKIPPED" : operation.kind] = (counts[operation.kind === "SKIP" ? "SKIPPED" : operation.kind] ?? 0) + 1;
      changes.push({ userId, label: person ? `${person.firstName} ${person.lastName} <${person.email}>` : (account?.userLabel ?? userId), operations });
    }
  }
  const activeAccounts = await db.account.count({ where: { appId, state: "ACTIVE" } });
  const removals = (counts.DEACTIVATE ?? 0) + (counts.DELETE ?? 0);
  const tooMany =
    removals > 0 && (removals > app.deletionThresholdCount || (activeAccounts > 0 && (removals / activeAccounts) * 100 > app.deletionThresholdPercent));
  return {
    userIds,
    changes,
    counts,
    removals,
    activeAccounts,
    needsApproval: tooMany,
    threshold: { percent: app.deletionThresholdPercent, count: app.deletionThresholdCount },
  };
}

/**
 * "Sync now": reconciles every person of the app. If it would deactivate or
 * delete more accounts than the app's threshold, it waits for an admin's
 * approval instead of starting.
 */
export async function startSyncRun(organizationId: string, appId: string, context: AppWriteContext, { approved = false } = {}) {
  const plan = await planAppSync(organizationId, appId);
  const app = await db.app.findFirstOrThrow({ where: { id: appId }, select: { id: true, name: true, state: true } });
  if (app.state !== "ACTIVE") throw new AppError("invalid_input", "Provisioning for this app is not active; finish the setup or resume it first.");
  const summary = { counts: plan.counts, removals: plan.removals, activeAccounts: plan.activeAccounts };
  return db.$transaction(
    async (tx) => {
      const running = await tx.syncRun.findFirst({
        where: { appId, status: { in: ["RUNNING", "WAITING_FOR_APPROVAL"] }, dryRun: false },
        select: { id: true },
      });
      if (running) await tx.syncRun.update({ where: { id: running.id }, data: { status: "CANCELLED", finishedAt: new Date() } });
      const waiting = plan.needsApproval && !approved;
      const run = await tx.syncRun.create({
        data: { appId, total: plan.userIds.length, status: waiting ? "WAITING_FOR_APPROVAL" : "RUNNING", summary, startedById: context.actor.id },
        select: { id: true, status: true, total: true },
      });
      if (!waiting) await enqueueReconcileBatches(tx, appId, plan.userIds, { syncRunId: run.id });
      if (!waiting && plan.userIds.length === 0) await tx.syncRun.update({ where: { id: run.id }, data: { status: "COMPLETED", finishedAt: new Date() } });
      await recordAppChange(tx, context, app, waiting ? "app.sync_held_for_approval" : "app.sync_started", {
        people: { from: null, to: plan.userIds.length },
        ...(waiting ? { removals: { from: null, to: plan.removals } } : {}),
      });
      return { ...run, needsApproval: waiting, removals: plan.removals };
    },
    { timeout: 120_000 },
  );
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
export async function countSyncRunProgress(syncRunId: string, outcomes: readonly PersonOutcome[]): Promise<void> {
  if (outcomes.length === 0) return;
  await db.$executeRaw`
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

export async function getLatestSyncRun(appId: string) {
  return db.syncRun.findFirst({
    where: { appId, dryRun: false },
    orderBy: { startedAt: "desc" },
    select: { id: true, status: true, total: true, done: true, failed: true, summary: true, startedAt: true, finishedAt: true },
  });
}

/**
 * Takes a quarantined or paused app back into service, after the admin fixed the cause (often a new
 * token saved in the Configure step). The connection is checked first, with the Authorize step's own
 * requests: if it still fails, nothing changes and the admin is told why. Then everyone is synced, which
 * sends every change held while the app was stopped (each was logged SKIPPED). If that sync stops for
 * approval at the deletion threshold, the held creates and updates are sent anyway, as they would have
 * been had the app not stopped; only the removals wait for the approval.
 */
export async function resumeApp(organizationId: string, appId: string, context: AppWriteContext) {
  const app = await db.app.findFirst({ where: { id: appId, organizationId }, select: { id: true, name: true, state: true, quarantineReason: true } });
  if (!app) throw new AppError("not_found", "This app no longer exists.");
  if (app.state !== "QUARANTINED" && app.state !== "PAUSED") return { resumed: false, needsApproval: false };
  const check = await authorizeApp(appId, context);
  if (!check.ok) {
    throw new AppError(
      "unavailable",
      `Provisioning stays ${app.state === "PAUSED" ? "paused" : "quarantined"}: ${check.problem} ${check.advice} Then click Resume again.`,
    );
  }
  await db.$transaction(async (tx) => {
    await tx.app.update({ where: { id: appId }, data: { state: "ACTIVE", quarantineReason: null, quarantinedAt: null } });
    await recordAppChange(tx, context, app, "app.resumed", { state: { from: app.state, to: "ACTIVE" } });
  });
  const run = await startSyncRun(organizationId, appId, context);
  if (run.needsApproval) {
    const plan = await planAppSync(organizationId, appId);
    const removal = (operation: PlannedOperation) => operation.kind === "DEACTIVATE" || operation.kind === "DELETE";
    const sendNow = plan.changes.filter((change) => change.operations.some((operation) => operation.kind !== "SKIP") && !change.operations.some(removal));
    if (sendNow.length > 0)
      await db.$transaction((tx) =>
        enqueueReconcile(
          tx,
          [appId],
          sendNow.map((change) => change.userId),
        ),
      );
  }
  return { resumed: true, needsApproval: run.needsApproval };
}
