/**
 * The groups e2e/app-groups.spec.ts assigns to an app: seeded by e2e/support/serve.ts with demo people as
 * members, straight to the database (the groups pages are another journey's).
 */
import type { Db } from "../../lib/db";

export const APP_GROUPS = {
  assigned: { name: "Field Engineering", members: ["Amara Okafor", "Lukas Brandt", "Mei Tanaka"] },
  other: { name: "Platform Guild", members: ["Mei Tanaka"] },
} as const;

export async function seedAppGroups(db: Db): Promise<void> {
  const { id: organizationId } = await db.organization.findFirstOrThrow({ select: { id: true } });
  for (const group of Object.values(APP_GROUPS)) {
    const members = await db.user.findMany({
      where: { organizationId, OR: group.members.map((name) => ({ firstName: name.split(" ")[0]!, lastName: name.split(" ")[1]! })) },
      select: { id: true },
    });
    if (members.length !== group.members.length) throw new Error(`The demo has no ${group.members.join(", ")}: app-groups-data.ts needs them.`);
    await db.group.create({
      data: { organizationId, name: group.name, members: { createMany: { data: members.map((member) => ({ userId: member.id })) } } },
    });
  }
}
