import "server-only";
import { AppError } from "../../app-error";
import { db } from "../../db";
import { planDeactivation, startDeactivationRun } from "../sync/deactivate-before-delete";
import type { AppWriteContext } from "./app-audit";
import { removeApp } from "./remove-app";

/** What the Delete dialog says before anything happens: who has an account, and how many a deactivation would turn off. */
export async function previewAppDeletion(organizationId: string, appId: string) {
  const app = await db.app.findFirst({ where: { id: appId, organizationId }, select: { id: true, name: true, deletionRunId: true } });
  if (!app) throw new AppError("not_found", "This app no longer exists.");
  const accounts = await db.account.count({ where: { appId, remoteId: { not: null }, state: { not: "DELETED" } } });
  const { deactivations } = await planDeactivation(organizationId, appId);
  return { name: app.name, accounts, deactivations, deleting: app.deletionRunId !== null };
}

export type AppDeletionPreview = Awaited<ReturnType<typeof previewAppDeletion>>;

/**
 * Deletes an app, as the admin chose: leaving its accounts in the app as they are (at once), or deactivating every
 * account Roster manages there first (a sync run; the app goes when it finishes cleanly). The admin confirms by typing
 * the app's name.
 */
export async function deleteApp(
  input: { appId: string; accounts: "leave" | "deactivate"; confirmName: string },
  context: AppWriteContext,
): Promise<{ deleted: boolean; runId: string | null }> {
  const app = await db.app.findFirst({
    where: { id: input.appId, organizationId: context.organizationId },
    select: { id: true, name: true, deletionRunId: true },
  });
  if (!app) throw new AppError("not_found", "This app no longer exists.");
  if (input.confirmName.trim() !== app.name) {
    throw new AppError("invalid_input", "Type the app's name to confirm.", { confirmName: [`Type ${app.name} exactly as it is written to confirm.`] });
  }
  if (app.deletionRunId) throw new AppError("conflict", `${app.name} is already being deleted: Roster is deactivating its accounts.`);
  if (input.accounts === "deactivate") {
    const started = await startDeactivationRun(context.organizationId, app.id, context);
    return { deleted: started.deleted, runId: started.runId };
  }
  const left = await db.account.count({ where: { appId: app.id, remoteId: { not: null }, state: { not: "DELETED" } } });
  await db.$transaction((tx) => removeApp(tx, context, app, { left, deactivated: 0 }));
  return { deleted: true, runId: null };
}
