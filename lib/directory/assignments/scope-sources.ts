import "server-only";
import type { Tx } from "../../db";
import type { Prisma } from "../../generated/prisma/client";

/** A source of a person's access to an app that a write is about to add or remove. */
export type ScopeSource = { direct: true } | { groupId: string };

/**
 * Of `userIds`, the people who have no source of access to the app other than `except`: no direct
 * assignment (unless `except` is the direct one) and no other assigned group they are a member of.
 * Adding or removing `except` changes exactly these people's scope, so only their pairs are marked.
 * Run it in the write's transaction, before or after the write: it never looks at `except` itself.
 */
export async function peopleWithoutOtherSource(tx: Tx, appId: string, userIds: readonly string[], except: ScopeSource): Promise<string[]> {
  if (userIds.length === 0) return [];
  const exceptDirect = "direct" in except;
  const exceptGroupId = "groupId" in except ? except.groupId : null;
  const rows = await tx.$queryRaw<{ userId: string }[]>`
    SELECT ids.id::text AS "userId"
    FROM unnest(${userIds}::uuid[]) AS ids(id)
    WHERE (${exceptDirect} OR NOT EXISTS (SELECT 1 FROM assignments a WHERE a.app_id = ${appId}::uuid AND a.user_id = ids.id))
      AND NOT EXISTS (
        SELECT 1 FROM group_assignments ga JOIN group_members gm ON gm.group_id = ga.group_id
        WHERE ga.app_id = ${appId}::uuid AND gm.user_id = ids.id AND ga.group_id IS DISTINCT FROM ${exceptGroupId}::uuid
      )`;
  return rows.map((row) => row.userId);
}

/**
 * "In scope for the app" as a Prisma filter on people: assigned directly, or a member of a group assigned to
 * the app. The engine's own set-based load (lib/provisioning/sync/load.ts) spells the same rule in SQL.
 */
export function inScopeOf(appId: string): Prisma.UserWhereInput {
  return { OR: [{ assignments: { some: { appId } } }, { groups: { some: { group: { assignments: { some: { appId } } } } } }] };
}

/**
 * The same rule as a select on one person, for reads that fetch the person anyway (a single sign-on): their
 * direct assignment to the app and one group of theirs assigned to it, if any. `hasScope` reads the answer.
 */
export function scopeProbe(appId: string) {
  return {
    assignments: { where: { appId }, select: { appId: true }, take: 1 },
    groups: { where: { group: { assignments: { some: { appId } } } }, select: { groupId: true }, take: 1 },
  } satisfies Prisma.UserSelect;
}

/** Whether a person read with scopeProbe is in scope. */
export function hasScope(probe: { assignments: unknown[]; groups: unknown[] }): boolean {
  return probe.assignments.length > 0 || probe.groups.length > 0;
}

/** The same rule from the other side: the apps a person is in scope for. */
export function appsInScopeFor(userId: string): Prisma.AppWhereInput {
  return { OR: [{ assignments: { some: { userId } } }, { groupAssignments: { some: { group: { members: { some: { userId } } } } } }] };
}

/** The (app, person) pairs in scope for these people, in one statement. */
export async function pairsInScope(tx: Tx, userIds: readonly string[]): Promise<{ appId: string; userId: string }[]> {
  if (userIds.length === 0) return [];
  return tx.$queryRaw<{ appId: string; userId: string }[]>`
    SELECT app_id::text AS "appId", user_id::text AS "userId" FROM assignments WHERE user_id = ANY(${userIds}::uuid[])
    UNION
    SELECT ga.app_id::text, gm.user_id::text FROM group_members gm JOIN group_assignments ga ON ga.group_id = gm.group_id
    WHERE gm.user_id = ANY(${userIds}::uuid[])`;
}

/** How many people are in scope for each of these apps (directly or through groups), counted once each. */
export async function countPeopleInScope(tx: Tx, appIds: readonly string[]): Promise<Map<string, number>> {
  if (appIds.length === 0) return new Map();
  const rows = await tx.$queryRaw<{ appId: string; people: number }[]>`
    SELECT app_id::text AS "appId", count(*)::int AS people FROM (
      SELECT app_id, user_id FROM assignments WHERE app_id = ANY(${appIds}::uuid[])
      UNION
      SELECT ga.app_id, gm.user_id FROM group_assignments ga JOIN group_members gm ON gm.group_id = ga.group_id WHERE ga.app_id = ANY(${appIds}::uuid[])
    ) scope GROUP BY app_id`;
  return new Map(rows.map((row) => [row.appId, row.people]));
}
