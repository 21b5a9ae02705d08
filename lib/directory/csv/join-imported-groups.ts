import "server-only";
import { recordAuditEvents } from "../../audit/record-audit-event";
import type { Tx } from "../../db";
import { markPeopleForReconcile } from "../../queue/mark-for-reconcile";
import { peopleWithoutOtherSource } from "../assignments/scope-sources";
import { displayLabel, type UserWriteContext } from "../users/user-audit";

export interface GroupJoin {
  group: { id: string; name: string };
  person: { id: string; firstName: string; lastName: string; email: string };
}

/**
 * Puts imported people in their groups, in the batch's transaction: a `group.member_added` event per
 * membership, and for each app a group is assigned to, a reconcile mark for the members it gives the
 * app to. One group at a time, so someone joining two groups of one app is marked once.
 */
export async function joinImportedGroups(tx: Tx, context: UserWriteContext, joins: readonly GroupJoin[]): Promise<void> {
  const byGroup = new Map<string, { group: GroupJoin["group"]; people: GroupJoin["person"][] }>();
  for (const join of joins) {
    const entry = byGroup.get(join.group.id) ?? { group: join.group, people: [] };
    entry.people.push(join.person);
    byGroup.set(join.group.id, entry);
  }
  for (const { group, people } of byGroup.values()) {
    const rows = await tx.$queryRaw<{ userId: string }[]>`
      INSERT INTO group_members (group_id, user_id)
      SELECT ${group.id}::uuid, user_id FROM unnest(${people.map((person) => person.id)}::uuid[]) AS user_id
      ON CONFLICT DO NOTHING
      RETURNING user_id::text AS "userId"`;
    const joined = new Set(rows.map((row) => row.userId));
    await recordAuditEvents(
      tx,
      people
        .filter((person) => joined.has(person.id))
        .map((person) => ({
          organizationId: context.organizationId,
          actor: context.actor,
          action: "group.member_added",
          target: { type: "group", id: group.id, label: group.name },
          changes: { member: { from: null, to: displayLabel(person) } },
          ip: context.ip,
        })),
    );
    const apps = await tx.groupAssignment.findMany({ where: { groupId: group.id }, select: { appId: true } });
    for (const { appId } of apps) {
      const gaining = await peopleWithoutOtherSource(tx, appId, [...joined], { groupId: group.id });
      await markPeopleForReconcile(tx, appId, gaining, `Joined ${group.name} (CSV import)`);
    }
  }
}
