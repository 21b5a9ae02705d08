import "server-only";
import { AppError } from "../../app-error";
import { db } from "../../db";
import type { SyncActionsInput } from "../schemas/provisioning";
import { enqueuePushedGroups } from "../sync/sync-runs";
import { recordAppChange, type AppWriteContext } from "./app-audit";

const LABELS = {
  syncCreate: "Create users",
  syncUpdate: "Update user profile",
  syncDelete: "Delete users",
  syncActivation: "Activate and deactivate users",
  pushGroups: "Push groups",
} as const;

/** Saves the four sync actions; the last wizard step, after which provisioning is active. */
export async function saveSyncActions({ appId, ...actions }: SyncActionsInput, context: AppWriteContext) {
  return db.$transaction(async (tx) => {
    const app = await tx.app.findFirst({
      where: { id: appId, organizationId: context.organizationId },
      select: {
        id: true,
        name: true,
        state: true,
        authorizedAt: true,
        mappingSavedAt: true,
        syncCreate: true,
        syncUpdate: true,
        syncDelete: true,
        syncActivation: true,
        pushGroups: true,
      },
    });
    if (!app) throw new AppError("not_found", "This app no longer exists.");
    if (!app.authorizedAt || !app.mappingSavedAt) {
      throw new AppError("invalid_input", "Authorize the app and save the field mapping before choosing sync actions.");
    }
    const changes: Record<string, { from: unknown; to: unknown }> = {};
    for (const key of Object.keys(LABELS) as (keyof typeof LABELS)[]) {
      if (actions[key] !== undefined && app[key] !== actions[key]) changes[LABELS[key]] = { from: app[key] ? "on" : "off", to: actions[key] ? "on" : "off" };
    }
    const state = app.state === "DRAFT" ? "ACTIVE" : app.state;
    if (state !== app.state) changes.state = { from: app.state, to: state };
    await tx.app.update({ where: { id: app.id }, data: { ...actions, actionsSavedAt: new Date(), state } });
    if (Object.keys(changes).length > 0) await recordAppChange(tx, context, app, "app.sync_actions_changed", changes);
    // Turned on: push every group marked for it; turned off: delete the copies Roster made.
    if (actions.pushGroups !== undefined && actions.pushGroups !== app.pushGroups) await enqueuePushedGroups(tx, app.id);
    return { state };
  });
}
