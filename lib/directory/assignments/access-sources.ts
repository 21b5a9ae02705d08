import "server-only";
import { db, type Tx } from "../../db";
import type { AccessSources } from "./describe-access";

/**
 * For each of these people, how they have the app: a direct assignment, and the assigned groups they
 * are members of (by name). For a page of a list, or a selection's batch: one statement, whatever the size.
 */
export async function listAccessSources(appId: string, userIds: readonly string[], client: Tx = db): Promise<Map<string, AccessSources>> {
  if (userIds.length === 0) return new Map();
  const rows = await client.$queryRaw<{ userId: string; direct: boolean; groups: string[] }[]>`
    SELECT ids.id::text AS "userId",
           EXISTS (SELECT 1 FROM assignments a WHERE a.app_id = ${appId}::uuid AND a.user_id = ids.id) AS direct,
           ARRAY(
             SELECT g.name FROM group_members gm
             JOIN group_assignments ga ON ga.group_id = gm.group_id AND ga.app_id = ${appId}::uuid
             JOIN groups g ON g.id = gm.group_id
             WHERE gm.user_id = ids.id
             ORDER BY g.name_key
           ) AS groups
    FROM unnest(${userIds}::uuid[]) AS ids(id)`;
  return new Map(rows.map((row) => [row.userId, { direct: row.direct, groups: row.groups }]));
}

/** People in the app's scope, directly or through a group. */
export async function countPeopleInScope(organizationId: string, appId: string): Promise<number> {
  const [row] = await db.$queryRaw<{ count: number }[]>`
    SELECT count(*)::int AS count FROM users u
    WHERE u.organization_id = ${organizationId}::uuid
      AND (EXISTS (SELECT 1 FROM assignments a WHERE a.app_id = ${appId}::uuid AND a.user_id = u.id)
        OR EXISTS (SELECT 1 FROM group_members gm JOIN group_assignments ga ON ga.group_id = gm.group_id
                   WHERE ga.app_id = ${appId}::uuid AND gm.user_id = u.id))`;
  return row?.count ?? 0;
}
