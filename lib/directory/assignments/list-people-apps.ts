import "server-only";
import { db, type Tx } from "../../db";

/** One app a person has: directly, through assigned groups (by name), or both. */
export interface PersonApp {
  appId: string;
  name: string;
  direct: boolean;
  groups: string[];
}

/**
 * For a page of people, the apps each has (directly or through a group assigned to the app), in app-name order.
 * One statement for the whole page, scoped to the organization.
 */
export async function listPeopleApps(organizationId: string, userIds: readonly string[], client: Tx = db): Promise<Map<string, PersonApp[]>> {
  const result = new Map<string, PersonApp[]>(userIds.map((id) => [id, []]));
  if (userIds.length === 0) return result;
  const rows = await client.$queryRaw<{ userId: string; appId: string; name: string; direct: boolean; groups: string[] }[]>`
    WITH sources AS (
      SELECT a.user_id, a.app_id, NULL::text AS group_name, NULL::text AS group_key
      FROM assignments a WHERE a.user_id = ANY(${userIds}::uuid[])
      UNION ALL
      SELECT gm.user_id, ga.app_id, g.name, g.name_key
      FROM group_members gm
      JOIN group_assignments ga ON ga.group_id = gm.group_id
      JOIN groups g ON g.id = gm.group_id
      WHERE gm.user_id = ANY(${userIds}::uuid[])
    )
    SELECT s.user_id::text AS "userId", app.id::text AS "appId", app.name,
           bool_or(s.group_name IS NULL) AS direct,
           coalesce(array_agg(s.group_name ORDER BY s.group_key) FILTER (WHERE s.group_name IS NOT NULL), '{}') AS groups
    FROM sources s JOIN apps app ON app.id = s.app_id AND app.organization_id = ${organizationId}::uuid
    GROUP BY s.user_id, app.id, app.name
    ORDER BY lower(app.name), app.id`;
  for (const row of rows) result.get(row.userId)?.push({ appId: row.appId, name: row.name, direct: row.direct, groups: row.groups });
  return result;
}
