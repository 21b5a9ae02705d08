import "server-only";
import { AppError } from "../../app-error";
import { db, type Tx } from "../../db";
import { enqueueMany } from "../../queue/enqueue";
import { jobs } from "../../queue/jobs";
import { recordAppChange, type AppWriteContext } from "../apps/app-audit";
import type { PlannedOperation } from "../plan/plan-operations";
import { loadApp, loadPairs, loadSyncScope } from "./load";
import { planGroupChanges } from "./group-preview";
import { planPair } from "./plan";
import { planContext } from "./sync-pairs";
import { enqueueReconcile, enqueueReconcileBatches } from "../../queue/mark-for-reconcile";
import { authorizeApp } from "../apps/authorize-app";

export interface PlannedChange {
  userId: string;
  label: string;
  operations: PlannedOperation[];
}

/** People loaded and planned at a time by a dry run: one statement each. */
const PLAN_CHUNK = 1_000;

/**
 * What a sync would do, from the database alone (nothing is sent): the engine's own load and plan
 * steps, for everyone in the app's scope, with the planned operations per person and the counts per
 * kind. Used by Dry run and by the deletion-safety check before a run.
 */
export async function planAppSync(organizationId: string, appId: string) {
  const app = await loadApp(appId, organizationId);
  if (!app) throw new AppError("not_found", "This app no longer exists.");
  const context = planContext(app);
  const userIds = await loadSyncScope(appId);
  const changes: PlannedChange[] = [];
  const counts: Record<string, number> = {};
  for (let start = 0; start < userIds.length; start += PLAN_CHUNK) {
    for (const pair of await loadPairs(app, userIds.slice(start, start + PLAN_CHUNK))) {
      const plan = planPair(pair, context);
      if (plan.operations.length === 0) continue;
      for (const operation of plan.operations) {
        const kind = operation.kind === "SKIP" ? "SKIPPED" : operation.kind;
        counts[kind] = (counts[kind] ?? 0) + 1;
      }
      changes.push({ userId: plan.userId, label: plan.label, operations: plan.operations });
    }
  }
  const activeAccounts = await db.account.count({ where: { appId, state: "ACTIVE" } });
  const removals = (counts.DEACTIVATE ?? 0) + (counts.DELETE ?? 0);
  const tooMany =
    removals > 0 && (removals > app.deletionThresholdCount || (activeAccounts > 0 && (removals / activeAccounts) * 100 > app.deletionThresholdPercent));
  // The same threshold for the app's pushed groups: deleting many of them at once waits for approval too.
  const groupChanges = await planGroupChanges(appId);
  const groupDeletions = groupChanges.filter((change) => change.kind === "DELETE").length;
  const pushedGroups = await db.appGroup.count({ where: { appId, state: "ACTIVE", remoteId: { not: null } } });
  const tooManyGroups =
    groupDeletions > 0 &&
    (groupDeletions > app.deletionThresholdCount || (pushedGroups > 0 && (groupDeletions / pushedGroups) * 100 > app.deletionThresholdPercent));
  return {
    userIds,
    changes,
    counts,
    removals,
    activeAccounts,
    needsApproval: tooMany || tooManyGroups,
    groupChanges,
    groupDeletions,
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
  const summary = { counts: plan.counts, removals: plan.removals, activeAccounts: plan.activeAccounts, groupDeletions: plan.groupDeletions };
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
      if (!waiting) {
        await enqueueReconcileBatches(tx, appId, plan.userIds, { syncRunId: run.id });
        await enqueuePushedGroups(tx, appId);
      }
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

/**
 * People whose access to the app changed together (a group assigned, unassigned or deleted, many people
 * joining or leaving an assigned group): one sync run over just them, in batches, with progress like Sync
 * now's, labelled with `reason`. It never cancels a running Sync now (which covers these people too); when
 * the app is not provisioning, nothing starts: its Resume syncs everyone.
 */
export async function startPeopleRun(appId: string, userIds: readonly string[], reason: string) {
  const app = await db.app.findUnique({ where: { id: appId }, select: { state: true } });
  if (app?.state !== "ACTIVE" || userIds.length === 0) return null;
  return db.$transaction(async (tx) => {
    const run = await tx.syncRun.create({ data: { appId, total: userIds.length, status: "RUNNING", summary: { reason } }, select: { id: true } });
    await enqueueReconcileBatches(tx, appId, userIds, { syncRunId: run.id });
    return run;
  });
}

/** Every group the app pushes, or still has a copy of: a `reconcile-group` job each (Sync now, Resume, push settings saved). */
export async function enqueuePushedGroups(tx: Tx, appId: string): Promise<void> {
  const groups = await tx.$queryRaw<{ groupId: string }[]>`
    SELECT ga.group_id::text AS "groupId" FROM group_assignments ga JOIN apps ON apps.id = ga.app_id AND apps.push_groups
    WHERE ga.app_id = ${appId}::uuid AND ga.push
    UNION
    SELECT group_id::text FROM app_groups WHERE app_id = ${appId}::uuid AND state <> 'DELETED'`;
  await enqueueMany(
    tx,
    jobs.reconcileGroup,
    groups.map(({ groupId }) => ({ appId, groupId })),
  );
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
  const app = await db.app.findFirst({
    where: { id: appId, organizationId },
    select: { id: true, name: true, state: true, quarantineReason: true },
  });
  if (!app) throw new AppError("not_found", "This app no longer exists.");
  if (app.state !== "QUARANTINED" && app.state !== "PAUSED") return { resumed: false, needsApproval: false, deletionCancelled: false };
  const check = await authorizeApp(appId, context);
  if (!check.ok) {
    throw new AppError(
      "unavailable",
      `Provisioning stays ${app.state === "PAUSED" ? "paused" : "quarantined"}: ${check.problem} ${check.advice} Then click Resume again.`,
    );
  }
  // Resuming an app that is being deleted keeps it: the deletion's run stops (Sync now below supersedes it), and the
  // audit log says so, with how many accounts had been deactivated by then (the sync brings them back in line).
  const deletionCancelled = await db.$transaction(async (tx) => {
    const [current] = await tx.$queryRaw<{ deletionRunId: string | null }[]>`
      SELECT deletion_run_id::text AS "deletionRunId" FROM apps WHERE id = ${appId}::uuid FOR UPDATE`;
    if (!current) throw new AppError("not_found", "This app no longer exists: its deletion finished first.");
    await tx.app.update({ where: { id: appId }, data: { state: "ACTIVE", quarantineReason: null, quarantinedAt: null, deletionRunId: null } });
    await recordAppChange(tx, context, app, "app.resumed", { state: { from: app.state, to: "ACTIVE" } });
    if (!current.deletionRunId) return false;
    const run = await tx.syncRun.update({
      where: { id: current.deletionRunId },
      data: { status: "CANCELLED", finishedAt: new Date() },
      select: { done: true, failed: true },
    });
    await recordAppChange(tx, context, app, "app.deletion_cancelled", { accountsDeactivatedSoFar: { from: null, to: Math.max(0, run.done - run.failed) } });
    return true;
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
  return { resumed: true, needsApproval: run.needsApproval, deletionCancelled };
}
