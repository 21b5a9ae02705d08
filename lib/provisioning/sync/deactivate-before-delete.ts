import "server-only";
import { AppError } from "../../app-error";
import { db } from "../../db";
import { enqueueReconcileBatches } from "../../queue/mark-for-reconcile";
import { recordAppChange, type AppWriteContext } from "../apps/app-audit";
import { removeApp } from "../apps/remove-app";
import { loadApp, loadPairs } from "./load";
import { DEACTIVATE_ALL_CONTEXT, planPair } from "./plan";

/**
 * Deleting an app after deactivating every account Roster manages in it, with the one engine: a sync run over the
 * app's active accounts whose plan wants each of them inactive (DEACTIVATE_ALL_CONTEXT), in batches, with progress.
 * While it runs the app is paused, so no other change reaches it; when the run has finished, the app is deleted if
 * every account was deactivated, and otherwise stays paused with why.
 */

/** People planned at a time: one statement each. */
const PLAN_CHUNK = 1_000;

/** Everyone with an active account Roster manages in the app: the run's people. */
async function activeAccountHolders(appId: string): Promise<string[]> {
  const rows = await db.account.findMany({ where: { appId, state: "ACTIVE", remoteId: { not: null } }, select: { userId: true } });
  return rows.map((row) => row.userId);
}

/** The dry run of the deactivation: the engine's load and plan over those people, counting the deactivations. */
export async function planDeactivation(organizationId: string, appId: string): Promise<{ userIds: string[]; deactivations: number }> {
  const app = await loadApp(appId, organizationId);
  if (!app) throw new AppError("not_found", "This app no longer exists.");
  const userIds = await activeAccountHolders(appId);
  let deactivations = 0;
  for (let start = 0; start < userIds.length; start += PLAN_CHUNK) {
    for (const pair of await loadPairs(app, userIds.slice(start, start + PLAN_CHUNK))) {
      if (planPair(pair, DEACTIVATE_ALL_CONTEXT).operations.some((operation) => operation.kind === "DEACTIVATE")) deactivations++;
    }
  }
  return { userIds, deactivations };
}

/** Starts the deactivation run, pausing the app; with no active account to deactivate, deletes the app at once. */
export async function startDeactivationRun(
  organizationId: string,
  appId: string,
  context: AppWriteContext,
): Promise<{ runId: string | null; deleted: boolean }> {
  const { userIds } = await planDeactivation(organizationId, appId);
  return db.$transaction(
    async (tx) => {
      const app = await tx.app.findFirst({ where: { id: appId, organizationId }, select: { id: true, name: true, state: true } });
      if (!app) throw new AppError("not_found", "This app no longer exists.");
      if (userIds.length === 0) {
        await removeApp(tx, context, app, { left: 0, deactivated: 0 });
        return { runId: null, deleted: true };
      }
      // A Sync now under way stops: its people are held while the app is paused, and the deletion supersedes it.
      await tx.syncRun.updateMany({
        where: { appId, status: { in: ["RUNNING", "WAITING_FOR_APPROVAL"] }, dryRun: false },
        data: { status: "CANCELLED", finishedAt: new Date() },
      });
      const run = await tx.syncRun.create({
        data: {
          appId,
          total: userIds.length,
          status: "RUNNING",
          summary: { reason: "Deactivating every account before deleting the app", deactivateAll: true },
          startedById: context.actor.id,
        },
        select: { id: true },
      });
      await tx.app.update({
        where: { id: appId },
        data: {
          state: "PAUSED",
          quarantineReason: `Being deleted by ${context.actor.label}: Roster is deactivating its accounts first, and deletes the app when that is done.`,
          quarantinedAt: new Date(),
          deletionRunId: run.id,
        },
      });
      await enqueueReconcileBatches(tx, appId, userIds, { syncRunId: run.id });
      await recordAppChange(tx, context, app, "app.deletion_started", {
        state: { from: app.state, to: "PAUSED" },
        accountsToDeactivate: { from: null, to: userIds.length },
      });
      return { runId: run.id, deleted: false };
    },
    { timeout: 60_000 },
  );
}

/**
 * Called by the engine after each batch of a deactivation run: once the run has finished, deletes the app if every
 * account was deactivated, or else takes the deletion back and says why (the app stays paused; Resume or Delete again).
 * Safe to call from several batches at once: the app's row is locked, and only the run the app names counts.
 */
export async function finishDeactivationRun(appId: string, runId: string): Promise<void> {
  await db.$transaction(async (tx) => {
    const [row] = await tx.$queryRaw<
      { name: string; organizationId: string; status: string; failed: number; total: number; startedById: string | null; actorLabel: string | null }[]
    >`
      SELECT apps.name, apps.organization_id::text AS "organizationId", r.status::text AS status, r.failed, r.total,
        r.started_by_id::text AS "startedById", u.email AS "actorLabel"
      FROM apps JOIN sync_runs r ON r.id = apps.deletion_run_id LEFT JOIN users u ON u.id = r.started_by_id
      WHERE apps.id = ${appId}::uuid AND apps.deletion_run_id = ${runId}::uuid
      FOR UPDATE OF apps`;
    if (!row || row.status === "RUNNING" || row.status === "WAITING_FOR_APPROVAL") return;
    const context: AppWriteContext = { organizationId: row.organizationId, actor: { id: row.startedById, label: row.actorLabel ?? "Roster" } };
    const app = { id: appId, name: row.name };
    if (row.status === "COMPLETED" && row.failed === 0) {
      await removeApp(tx, context, app, { left: 0, deactivated: row.total });
      return;
    }
    const failed = row.status === "COMPLETED" ? row.failed : row.total;
    await tx.app.update({
      where: { id: appId },
      data: {
        deletionRunId: null,
        quarantineReason: `${row.name} was not deleted: ${failed.toLocaleString("en-US")} ${failed === 1 ? "account" : "accounts"} could not be deactivated. The Log says why. Fix that and delete the app again, or resume provisioning to keep it.`,
        quarantinedAt: new Date(),
      },
    });
    await recordAppChange(tx, context, app, "app.deletion_stopped", { accountsNotDeactivated: { from: null, to: failed } });
  });
}
