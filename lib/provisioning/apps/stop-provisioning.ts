import "server-only";
import { AppError } from "../../app-error";
import { db } from "../../db";
import { recordAppChange, type AppWriteContext } from "./app-audit";

/**
 * "Stop provisioning": the app is paused, so nothing is sent to it. Directory changes made meanwhile are not lost:
 * each is logged as held, and Resume (resumeApp) checks the connection and then syncs everyone, which sends them.
 */
export async function stopProvisioning(appId: string, context: AppWriteContext): Promise<{ changed: boolean }> {
  return db.$transaction(async (tx) => {
    const app = await tx.app.findFirst({ where: { id: appId, organizationId: context.organizationId }, select: { id: true, name: true, state: true } });
    if (!app) throw new AppError("not_found", "This app no longer exists.");
    if (app.state === "PAUSED") return { changed: false };
    if (app.state !== "ACTIVE") {
      throw new AppError(
        "invalid_input",
        app.state === "DRAFT" ? "Provisioning is not set up yet, so there is nothing to stop." : "Provisioning is already stopped: the app is quarantined.",
      );
    }
    await tx.app.update({ where: { id: appId }, data: { state: "PAUSED", quarantineReason: `Stopped by ${context.actor.label}.`, quarantinedAt: new Date() } });
    await recordAppChange(tx, context, app, "app.paused", { state: { from: "ACTIVE", to: "PAUSED" } });
    return { changed: true };
  });
}
