import "server-only";
import { AppError } from "../../app-error";
import { db } from "../../db";
import { enqueue } from "../../queue/enqueue";
import { jobs } from "../../queue/jobs";
import { recordAppChange, type AppWriteContext } from "../apps/app-audit";

/**
 * Starts fetching the app's users into a new snapshot, replacing the previous
 * one. The fetch runs as a job; its progress is on the ImportRun.
 */
export async function startImport(organizationId: string, appId: string, context: AppWriteContext): Promise<{ id: string }> {
  const app = await db.app.findFirst({ where: { id: appId, organizationId }, select: { id: true, name: true, authorizedAt: true } });
  if (!app) throw new AppError("not_found", "This app no longer exists.");
  if (!app.authorizedAt) throw new AppError("invalid_input", "Authorize the app before importing its users.");
  return db.$transaction(async (tx) => {
    const running = await tx.importRun.findFirst({ where: { appId, status: "CONFIRMING" }, select: { id: true } });
    if (running) throw new AppError("conflict", "An import is being confirmed right now; wait for it to finish.");
    await tx.importRun.deleteMany({ where: { appId } });
    const run = await tx.importRun.create({ data: { appId, startedById: context.actor.id }, select: { id: true } });
    await enqueue(tx, jobs.importFetch, { runId: run.id, appId });
    await recordAppChange(tx, context, app, "app.import_started");
    return run;
  });
}

export async function cancelImport(organizationId: string, runId: string): Promise<void> {
  await db.importRun.updateMany({
    where: { id: runId, status: "FETCHING", app: { organizationId } },
    data: { status: "CANCELLED", finishedAt: new Date() },
  });
}
