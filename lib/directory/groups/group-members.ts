import "server-only";
import { AppError } from "../../app-error";
import { db, type Tx } from "../../db";
import type { PersonName } from "../users/create-people";
import { selectedIdBatches, type BulkResult, type UserSelection } from "../users/change-users";
import { recordUserChanges, type UserWriteContext } from "../users/user-audit";
import { markGroupChange, recordGroupChange } from "./group-audit";

async function groupInOrganization(tx: Tx, organizationId: string, groupId: string): Promise<{ id: string; name: string }> {
  const group = await tx.group.findFirst({ where: { id: groupId, organizationId }, select: { id: true, name: true } });
  if (!group) throw new AppError("not_found", "This group no longer exists.");
  return group;
}

/**
 * The group, share-locked for the membership write's transaction: membership writes run side by side, but a write
 * that changes which apps the group is assigned to (locking the row `FOR NO KEY UPDATE`) or deletes it waits for
 * them, or they for it. So the apps read for marking are the ones in force when the members change.
 */
async function lockGroupForMembership(tx: Tx, organizationId: string, groupId: string): Promise<{ id: string; name: string }> {
  const [group] = await tx.$queryRaw<{ id: string; name: string }[]>`
    SELECT id::text, name FROM groups WHERE id = ${groupId}::uuid AND organization_id = ${organizationId}::uuid FOR SHARE`;
  if (!group) throw new AppError("not_found", "This group no longer exists.");
  return group;
}

async function peopleNamed(tx: Tx, ids: readonly string[]): Promise<PersonName[]> {
  if (ids.length === 0) return [];
  return tx.user.findMany({ where: { id: { in: [...ids] } }, select: { id: true, firstName: true, lastName: true, email: true } });
}

/**
 * What every membership change ends with, in its transaction: one audit event per person (their history shows
 * it, written in one statement), one for the group, and the reconcile marks of the people whose access to the
 * group's apps really changes.
 */
async function recordMembershipChange(
  tx: Tx,
  context: UserWriteContext,
  group: { id: string; name: string },
  changedIds: readonly string[],
  kind: "added" | "removed",
): Promise<void> {
  if (changedIds.length === 0) return;
  const people = await peopleNamed(tx, changedIds);
  const change = kind === "added" ? { group: { from: null, to: group.name } } : { group: { from: group.name, to: null } };
  await recordUserChanges(
    tx,
    context,
    people.map((user) => ({ user, action: kind === "added" ? "user.added_to_group" : "user.removed_from_group", changes: change })),
  );
  await recordGroupChange(tx, context, group, kind === "added" ? "group.members_added" : "group.members_removed", {
    members: kind === "added" ? { from: null, to: `${changedIds.length} added` } : { from: `${changedIds.length} removed`, to: null },
  });
  await markGroupChange(tx, group.id, changedIds, kind === "added" ? `Added to ${group.name}` : `Removed from ${group.name}`);
}

/**
 * Adds these people to a group in the caller's transaction, audited and marked as every membership change is.
 * People of another organization and those already members are left alone. Returns the ids added.
 */
export async function addPeopleToGroup(tx: Tx, context: UserWriteContext, groupId: string, userIds: readonly string[]): Promise<string[]> {
  const group = await lockGroupForMembership(tx, context.organizationId, groupId);
  const rows = await tx.$queryRaw<{ userId: string }[]>`
    INSERT INTO group_members (group_id, user_id)
    SELECT ${groupId}::uuid, u.id FROM users u
    WHERE u.organization_id = ${context.organizationId}::uuid AND u.id = ANY(${[...userIds]}::uuid[])
    ON CONFLICT DO NOTHING
    RETURNING user_id::text AS "userId"`;
  const added = rows.map((row) => row.userId);
  await recordMembershipChange(tx, context, group, added, "added");
  return added;
}

/**
 * Adds people to a group, a bounded batch per transaction: ticked ids, or everyone the users list's filter matches.
 * People of another organization and those already members are left alone.
 */
export async function addGroupMembers(groupId: string, selection: UserSelection, context: UserWriteContext): Promise<BulkResult> {
  await groupInOrganization(db, context.organizationId, groupId);
  let changed = 0;
  for await (const ids of selectedIdBatches(context.organizationId, selection)) {
    changed += await db.$transaction(async (tx) => (await addPeopleToGroup(tx, context, groupId, ids)).length);
  }
  return { changed, skipped: [] };
}

/** Takes people out of a group; the counterpart of `addGroupMembers`. */
export async function removeGroupMembers(groupId: string, selection: UserSelection, context: UserWriteContext): Promise<BulkResult> {
  await groupInOrganization(db, context.organizationId, groupId);
  let changed = 0;
  for await (const ids of selectedIdBatches(context.organizationId, selection)) {
    changed += await db.$transaction(async (tx) => {
      const group = await lockGroupForMembership(tx, context.organizationId, groupId);
      const rows = await tx.$queryRaw<{ userId: string }[]>`
        DELETE FROM group_members WHERE group_id = ${groupId}::uuid AND user_id = ANY(${ids}::uuid[])
        RETURNING user_id::text AS "userId"`;
      const removed = rows.map((row) => row.userId);
      await recordMembershipChange(tx, context, group, removed, "removed");
      return removed.length;
    });
  }
  return { changed, skipped: [] };
}
