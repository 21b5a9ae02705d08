import "server-only";
import type { Tx } from "../../db";
import { recordAuditEvent } from "../../audit/record-audit-event";
import { markGroupsForReconcile, markPeopleForReconcile } from "../../queue/mark-for-reconcile";
import { peopleWithoutOtherSource } from "../assignments/scope-sources";
import type { AuditChanges, UserWriteContext } from "../users/user-audit";

/** Records a change to a group itself (`group.created`, `group.renamed`…), in the writing transaction. */
export async function recordGroupChange(
  tx: Tx,
  context: UserWriteContext,
  group: { id: string; name: string },
  action: string,
  changes?: AuditChanges,
): Promise<void> {
  await recordAuditEvent(tx, {
    organizationId: context.organizationId,
    actor: context.actor,
    action,
    target: { type: "group", id: group.id, label: group.name },
    changes,
    ip: context.ip,
  });
}

/**
 * For each app the group is assigned to, marks the people among `userIds` whose access to it really changes
 * (no direct assignment, no other assigned group) because they joined or left the group, or it is being deleted.
 * Run it in the writing transaction; for a delete, before the group goes (its assignments go with it).
 * Returns, per app, how many people were marked.
 */
export async function markGroupChange(tx: Tx, groupId: string, userIds: readonly string[], reason: string): Promise<Map<string, number>> {
  const marked = new Map<string, number>();
  if (userIds.length === 0) return marked;
  // The group's copy in each app that pushes it has other members now.
  await markGroupsForReconcile(tx, [groupId]);
  const apps = await tx.groupAssignment.findMany({ where: { groupId }, select: { appId: true }, orderBy: { appId: "asc" } });
  for (const { appId } of apps) {
    const changed = await peopleWithoutOtherSource(tx, appId, userIds, { groupId });
    await markPeopleForReconcile(tx, appId, changed, reason);
    marked.set(appId, changed.length);
  }
  return marked;
}
