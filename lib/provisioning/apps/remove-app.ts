import "server-only";
import type { Tx } from "../../db";
import { recordAppChange, type AppWriteContext } from "./app-audit";

/**
 * Removes an app in the caller's transaction: its queued jobs first (reconciles, Sync now batches, group pushes,
 * imports; a job already running finds the app gone and stops), then the row, which takes its assignments, field
 * mappings, accounts, log, sync and import runs with it (every foreign key to `apps` cascades). Audited `app.deleted`.
 * Nothing is sent to the app: what happens to its accounts was decided before (left as they are, or deactivated).
 */
export async function removeApp(
  tx: Tx,
  context: AppWriteContext,
  app: { id: string; name: string },
  accounts: { left: number; deactivated: number },
): Promise<{ cancelledJobs: number }> {
  const [counted] = await tx.$queryRaw<{ cancelled: number }[]>`
    SELECT count(*)::int AS cancelled FROM graphile_worker.complete_jobs(array(
      SELECT id FROM graphile_worker._private_jobs
      WHERE payload ->> 'appId' = ${app.id}
         OR payload ->> 'runId' IN (SELECT id::text FROM import_runs WHERE app_id = ${app.id}::uuid)
    ))`;
  await tx.app.delete({ where: { id: app.id } });
  await recordAppChange(tx, context, app, "app.deleted", {
    accountsLeftInApp: { from: null, to: accounts.left },
    accountsDeactivated: { from: null, to: accounts.deactivated },
  });
  return { cancelledJobs: counted?.cancelled ?? 0 };
}
