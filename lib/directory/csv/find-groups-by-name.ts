import "server-only";
import { db, type Tx } from "../../db";

/** The organization's groups with these names, compared as PostgreSQL lower-cases them: each name asked maps to its group, when there is one. */
export async function findGroupsByName(organizationId: string, names: readonly string[], client: Tx = db): Promise<Map<string, { id: string; name: string }>> {
  if (names.length === 0) return new Map();
  const rows = await client.$queryRaw<{ asked: string; id: string; name: string }[]>`
    SELECT asked, g.id::text AS id, g.name
    FROM unnest(${[...new Set(names)]}::text[]) AS asked
    JOIN groups g ON g.organization_id = ${organizationId}::uuid AND g.name_key = lower(asked)`;
  return new Map(rows.map((row) => [row.asked, { id: row.id, name: row.name }]));
}
