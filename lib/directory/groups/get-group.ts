import "server-only";
import { db } from "../../db";

/** One group with the apps assigned to it (names) and its member count; null when it is not the organization's. */
export async function getGroup(organizationId: string, groupId: string) {
  const group = await db.group.findFirst({
    where: { id: groupId, organizationId },
    select: {
      id: true,
      name: true,
      description: true,
      createdAt: true,
      assignments: { select: { app: { select: { id: true, name: true } } }, orderBy: { app: { name: "asc" } } },
      _count: { select: { members: true } },
    },
  });
  if (!group) return null;
  return {
    id: group.id,
    name: group.name,
    description: group.description,
    createdAt: group.createdAt,
    apps: group.assignments.map((assignment) => assignment.app),
    memberCount: group._count.members,
  };
}

/** The groups a person is in, by name. */
export async function listGroupsOfPerson(organizationId: string, userId: string): Promise<{ id: string; name: string }[]> {
  return db.group.findMany({
    where: { organizationId, members: { some: { userId } } },
    orderBy: [{ nameKey: "asc" }, { id: "asc" }],
    select: { id: true, name: true },
  });
}
