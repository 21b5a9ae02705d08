import "server-only";
import { AppError } from "../../app-error";
import { db } from "../../db";
import { markGroupsForReconcile } from "../../queue/mark-for-reconcile";
import { recordAppChange, type AppWriteContext } from "./app-audit";

/**
 * Marks an assigned group as pushed to the app, or no longer pushed: audited, and the group's reconcile queued in
 * the same transaction. Pushed, it is created (or linked) in the app when the app pushes groups; no longer pushed,
 * the copy Roster made is deleted there (the confirmation says what its members lose).
 */
export async function setGroupPush(appId: string, groupId: string, push: boolean, context: AppWriteContext): Promise<{ changed: boolean }> {
  return db.$transaction(async (tx) => {
    const assignment = await tx.groupAssignment.findFirst({
      where: { appId, groupId, app: { organizationId: context.organizationId } },
      select: { push: true, app: { select: { id: true, name: true } }, group: { select: { name: true } } },
    });
    if (!assignment) throw new AppError("not_found", "This group is not assigned to the app any more.");
    if (assignment.push === push) return { changed: false };
    await tx.groupAssignment.update({ where: { appId_groupId: { appId, groupId } }, data: { push }, select: { appId: true } });
    await recordAppChange(tx, context, assignment.app, "app.group_push_changed", {
      [`Push “${assignment.group.name}”`]: { from: assignment.push ? "on" : "off", to: push ? "on" : "off" },
    });
    await markGroupsForReconcile(tx, [groupId], { appId });
    return { changed: true };
  });
}

export interface AppGroupPushState {
  state: "ACTIVE" | "CONFLICT" | "DELETED";
  remoteName: string | null;
  lastError: string | null;
}

/** The app's pushed groups as Roster last left them in the app, by group id, for its Users tab. */
export async function listAppGroupStates(organizationId: string, appId: string): Promise<Record<string, AppGroupPushState>> {
  const rows = await db.appGroup.findMany({
    where: { appId, app: { organizationId } },
    select: { groupId: true, remoteName: true, state: true, lastError: true },
  });
  return Object.fromEntries(rows.map(({ groupId, ...state }) => [groupId, state]));
}
