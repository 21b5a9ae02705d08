import "server-only";
import type { Tx } from "../../db";
import { findOrCreateGroups } from "../../directory/groups/find-or-create-groups";
import { addPeopleToGroup } from "../../directory/groups/group-members";
import type { UserWriteContext } from "../../directory/users/user-audit";

export interface GroupJoins {
  /** Directory groups created because no group had the app's group's name. */
  groupsCreated: number;
  /** People added to a group they were not in. */
  membershipsAdded: number;
  /** An app group whose name cannot be a directory group's: nobody joins it. */
  refused: { name: string; reason: string }[];
}

/**
 * Puts imported people in the directory groups named as their groups in the app (whatever the letter case),
 * creating the missing groups, in the batch's transaction, through the directory's group services: every created
 * group and every membership is audited, and the people whose apps change through a group are marked for reconcile.
 * Groups are locked in id order, so two batches joining the same groups take turns instead of deadlocking.
 */
export async function joinAppGroups(tx: Tx, context: UserWriteContext, people: readonly { userId: string; groups: readonly string[] }[]): Promise<GroupJoins> {
  const joins: GroupJoins = { groupsCreated: 0, membershipsAdded: 0, refused: [] };
  const names = people.flatMap((person) => person.groups);
  if (names.length === 0) return joins;
  const { groups, created, refused } = await findOrCreateGroups(tx, context, names);
  joins.groupsCreated = created.length;
  joins.refused = refused;

  const membersByGroup = new Map<string, Set<string>>();
  for (const person of people) {
    for (const name of person.groups) {
      const group = groups.get(name);
      if (!group) continue;
      const members = membersByGroup.get(group.id) ?? new Set<string>();
      members.add(person.userId);
      membersByGroup.set(group.id, members);
    }
  }
  for (const groupId of [...membersByGroup.keys()].sort()) {
    joins.membershipsAdded += (await addPeopleToGroup(tx, context, groupId, [...membersByGroup.get(groupId)!])).length;
  }
  return joins;
}
