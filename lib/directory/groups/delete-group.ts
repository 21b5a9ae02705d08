import "server-only";
import { markGroupsForReconcile } from "../../queue/mark-for-reconcile";
import { AppError } from "../../app-error";
import { db, type Tx } from "../../db";
import { peopleWithoutOtherSource } from "../assignments/scope-sources";
import type { UserWriteContext } from "../users/user-audit";
import { markGroupChange, recordGroupChange } from "./group-audit";

export interface GroupDeletionImpact {
  memberCount: number;
  /** Each app the group is assigned to: how many members lose it (no other source), and whether the app then deactivates their accounts. */
  apps: { id: string; name: string; losing: number; deactivates: boolean }[];
}

async function memberIds(tx: Tx, groupId: string): Promise<string[]> {
  const rows = await tx.groupMember.findMany({ where: { groupId }, select: { userId: true } });
  return rows.map((row) => row.userId);
}

/** What deleting the group would do, for the confirmation: read-only, in one short transaction. */
export async function getGroupDeletionImpact(organizationId: string, groupId: string): Promise<GroupDeletionImpact | null> {
  return db.$transaction(async (tx) => {
    const group = await tx.group.findFirst({
      where: { id: groupId, organizationId },
      select: { assignments: { select: { app: { select: { id: true, name: true, syncActivation: true } } }, orderBy: { app: { name: "asc" } } } },
    });
    if (!group) return null;
    const ids = await memberIds(tx, groupId);
    const apps = [];
    for (const { app } of group.assignments) {
      const losing = (await peopleWithoutOtherSource(tx, app.id, ids, { groupId })).length;
      apps.push({ id: app.id, name: app.name, losing, deactivates: app.syncActivation });
    }
    return { memberCount: ids.length, apps };
  });
}

/**
 * Deletes a group. Its members who had an app only through it are marked first (while its assignments still
 * exist), so the sync engine applies each app's sync actions to them, as for an unassignment.
 */
export async function deleteGroup(groupId: string, context: UserWriteContext): Promise<{ id: string; name: string }> {
  return db.$transaction(async (tx) => {
    // Locked, so a member added by a concurrent transaction is either seen here or refused by the foreign key.
    const [group] = await tx.$queryRaw<{ id: string; name: string }[]>`
      SELECT id::text, name FROM groups WHERE id = ${groupId}::uuid AND organization_id = ${context.organizationId}::uuid FOR UPDATE`;
    if (!group) throw new AppError("not_found", "This group no longer exists.");
    const ids = await memberIds(tx, groupId);
    await markGroupChange(tx, groupId, ids, `${group.name} deleted`);
    // Apps that push the group delete their copy (the engine finds the group gone).
    await markGroupsForReconcile(tx, [groupId]);
    await recordGroupChange(tx, context, group, "group.deleted", { name: { from: group.name, to: null }, members: { from: ids.length, to: null } });
    await tx.group.delete({ where: { id: groupId }, select: { id: true } });
    return group;
  });
}
