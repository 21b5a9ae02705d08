import "server-only";
import { db } from "../../db";

/** Accounts Roster created or linked (with an id in the app), and those whose last change failed. */
export async function countAppAccounts(organizationId: string, appId: string) {
  const scope = { appId, app: { organizationId } };
  const [provisioned, failing] = await Promise.all([
    db.account.count({ where: { ...scope, state: { in: ["ACTIVE", "INACTIVE"] }, remoteId: { not: null } } }),
    db.account.count({ where: { ...scope, lastError: { not: null } } }),
  ]);
  return { provisioned, failing };
}

/** The latest "Sync now" run of the app, as the progress bar shows it; null for another organization's app. */
export async function getSyncRunView(organizationId: string, appId: string, now = new Date()) {
  const run = await db.syncRun.findFirst({
    where: { appId, dryRun: false, app: { organizationId } },
    orderBy: [{ startedAt: "desc" }, { id: "desc" }],
    select: { id: true, status: true, total: true, done: true, failed: true, summary: true, startedAt: true, finishedAt: true },
  });
  if (!run) return null;
  const summary = (run.summary ?? {}) as { removals?: number; activeAccounts?: number; reason?: string; groupDeletions?: number };
  return {
    id: run.id,
    status: run.status,
    total: run.total,
    done: run.done,
    failed: run.failed,
    removals: summary.removals ?? 0,
    /** Pushed groups the run would delete in the app (they count against the same threshold). */
    groupDeletions: summary.groupDeletions ?? 0,
    /** Why a run that Sync now did not start was started ("Engineering assigned"); none for Sync now. */
    reason: summary.reason ?? null,
    activeAccounts: summary.activeAccounts ?? 0,
    startedAt: run.startedAt.toISOString(),
    finishedAt: run.finishedAt?.toISOString() ?? null,
    /** Measured on the server, so the browser's clock does not skew the rate. */
    elapsedMs: (run.finishedAt ?? now).getTime() - run.startedAt.getTime(),
  };
}

export type SyncRunView = NonNullable<Awaited<ReturnType<typeof getSyncRunView>>>;

/** What the app's Overview shows about provisioning: state, quarantine, thresholds, counts and the latest run. */
export async function getSyncOverview(organizationId: string, appId: string) {
  const app = await db.app.findFirst({
    where: { id: appId, organizationId },
    select: { id: true, name: true, state: true, quarantineReason: true, quarantinedAt: true, deletionThresholdPercent: true, deletionThresholdCount: true },
  });
  if (!app) return null;
  const [counts, latestRun] = await Promise.all([countAppAccounts(organizationId, appId), getSyncRunView(organizationId, appId)]);
  return { app, counts, latestRun };
}
