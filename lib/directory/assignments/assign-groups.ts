import "server-only";
import { AppError } from "../../app-error";
import { recordAuditEvents } from "../../audit/record-audit-event";
import { db, type Tx } from "../../db";
import { markGroupsForReconcile, markPeopleForReconcile } from "../../queue/mark-for-reconcile";
import type { UserWriteContext } from "../users/user-audit";
import { peopleWithoutOtherSource } from "./scope-sources";

/** What assigning or unassigning groups did: the groups whose assignment changed, and the people whose access changed with them. */
export interface GroupAssignmentOutcome {
  changed: number;
  people: number;
}

/** A group of 50,000 people is read and marked in one go: give the transaction room, without letting it run on. */
const TRANSACTION = { maxWait: 10_000, timeout: 60_000 };

/**
 * Assigns the app to whole groups: every member is in the app's scope for as long as the group is
 * assigned. Where the app pushes groups, the group is pushed too (the Users tab can turn that off per group). In one transaction: the assignments, an `app.group_assigned` event per group that was not
 * assigned yet, and a reconcile mark for the members who had no access before (few become single
 * reconciles, many one sync run with progress).
 */
export async function assignGroups(appId: string, groupIds: readonly string[], context: UserWriteContext): Promise<GroupAssignmentOutcome> {
  return db.$transaction((tx) => changeGroupAssignments(tx, appId, groupIds, context, "assign"), TRANSACTION);
}

/**
 * Takes the app away from whole groups; members who keep no other source of access (a direct
 * assignment, another assigned group) are marked, and the app's sync actions then apply to them.
 */
export async function unassignGroups(appId: string, groupIds: readonly string[], context: UserWriteContext): Promise<GroupAssignmentOutcome> {
  return db.$transaction((tx) => changeGroupAssignments(tx, appId, groupIds, context, "unassign"), TRANSACTION);
}

async function changeGroupAssignments(
  tx: Tx,
  appId: string,
  groupIds: readonly string[],
  context: UserWriteContext,
  change: "assign" | "unassign",
): Promise<GroupAssignmentOutcome> {
  const app = await tx.app.findFirst({ where: { id: appId, organizationId: context.organizationId }, select: { id: true, name: true, pushGroups: true } });
  if (!app) throw new AppError("not_found", "This app no longer exists.");
  const groups = await tx.group.findMany({
    where: { organizationId: context.organizationId, id: { in: [...new Set(groupIds)] } },
    select: { id: true, name: true },
    orderBy: { nameKey: "asc" },
  });
  if (groups.length < new Set(groupIds).size) throw new AppError("not_found", "A group you chose no longer exists. Reload the page and choose again.");
  // Membership writes lock their group's row FOR SHARE: a member added while the group is being assigned is then
  // either seen here or added after this commits (and marked by that write).
  await tx.$queryRaw`SELECT id FROM groups WHERE id = ANY(${groups.map((group) => group.id)}::uuid[]) ORDER BY id FOR NO KEY UPDATE`;

  const changedGroups: { id: string; name: string }[] = [];
  const affected = new Set<string>();
  // One group at a time: each group's members are checked against the groups written before it, so a
  // person in two of the groups is marked once, by the first that gives (or the last that takes) their access.
  for (const group of groups) {
    const written =
      change === "assign"
        ? await tx.$queryRaw<unknown[]>`
            INSERT INTO group_assignments (app_id, group_id, push) VALUES (${appId}::uuid, ${group.id}::uuid, ${app.pushGroups}) ON CONFLICT DO NOTHING RETURNING group_id`
        : await tx.$queryRaw<unknown[]>`
            DELETE FROM group_assignments WHERE app_id = ${appId}::uuid AND group_id = ${group.id}::uuid RETURNING group_id`;
    if (written.length === 0) continue;
    changedGroups.push(group);
    const members = await tx.$queryRaw<{ userId: string }[]>`
      SELECT user_id::text AS "userId" FROM group_members WHERE group_id = ${group.id}::uuid`;
    const ids = await peopleWithoutOtherSource(
      tx,
      appId,
      members.map((member) => member.userId),
      { groupId: group.id },
    );
    for (const id of ids) affected.add(id);
  }
  if (changedGroups.length === 0) return { changed: 0, people: 0 };

  await recordAuditEvents(
    tx,
    changedGroups.map((group) => ({
      organizationId: context.organizationId,
      actor: context.actor,
      action: change === "assign" ? "app.group_assigned" : "app.group_unassigned",
      target: { type: "app", id: app.id, label: app.name },
      changes: { group: change === "assign" ? { from: null, to: group.name } : { from: group.name, to: null } },
      ip: context.ip,
    })),
  );
  await markPeopleForReconcile(tx, appId, [...affected], groupChangeReason(changedGroups, change));
  // The groups themselves, where the app pushes groups: created there, or (unassigned) their copies deleted.
  await markGroupsForReconcile(
    tx,
    changedGroups.map((group) => group.id),
    { appId },
  );
  return { changed: changedGroups.length, people: affected.size };
}

/** "Engineering assigned", "Engineering, Sales unassigned": the sync run's label. */
function groupChangeReason(groups: readonly { name: string }[], change: "assign" | "unassign"): string {
  const names = groups.map((group) => group.name).join(", ");
  const verb = change === "assign" ? "assigned" : "unassigned";
  return `${names.length > 250 ? `${names.slice(0, 249)}…` : names} ${verb}`;
}

/** How many of the group's members would lose the app if the group were unassigned now: those with no other source. */
export async function countPeopleLosingAccess(organizationId: string, appId: string, groupId: string): Promise<number> {
  return db.$transaction(async (tx) => {
    const assigned = await tx.groupAssignment.findFirst({
      where: { appId, groupId, app: { organizationId }, group: { organizationId } },
      select: { groupId: true },
    });
    if (!assigned) throw new AppError("not_found", "This group is no longer assigned to the app.");
    const members = await tx.$queryRaw<{ userId: string }[]>`
      SELECT user_id::text AS "userId" FROM group_members WHERE group_id = ${groupId}::uuid`;
    return (
      await peopleWithoutOtherSource(
        tx,
        appId,
        members.map((member) => member.userId),
        { groupId },
      )
    ).length;
  }, TRANSACTION);
}
