import "server-only";
import { db } from "../../db";
import { isScimError, type ScimClient } from "../../scim";

/** Memberships written per statement: a few hundred KB of JSON, whatever the size of the app. */
const MEMBERSHIP_BATCH = 5000;

/**
 * For an app whose users do not list their groups (no `groups` on any of them): reads /Groups once and gives each
 * candidate the names of the groups that list it as a member, a bounded batch of memberships per statement, so
 * memory stays small however many groups and members the app has. The app's groups are a help for the review, not
 * the import itself: an app without /Groups (or one failing part-way) leaves every candidate without groups.
 */
export async function addGroupsFromGroupList(client: ScimClient, runId: string): Promise<void> {
  let pending = new Map<string, string[]>(); // the user's remote id → group names
  let count = 0;
  const flush = async () => {
    if (pending.size === 0) return;
    const rows = [...pending].map(([remoteId, names]) => ({ remoteId, names }));
    pending = new Map();
    count = 0;
    await db.$executeRaw`
      UPDATE import_candidates c
      SET remote_groups = c.remote_groups || ARRAY(SELECT n FROM unnest(r.names) AS n WHERE NOT (lower(n) = ANY (SELECT lower(g) FROM unnest(c.remote_groups) AS g)))
      FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS r("remoteId" text, names text[])
      WHERE c.run_id = ${runId}::uuid AND c.remote_id = r."remoteId"`;
  };
  try {
    for await (const group of client.groups.list()) {
      const name = group.displayName.trim();
      if (!name) continue;
      for (const { value } of group.members ?? []) {
        const names = pending.get(value) ?? [];
        if (names.some((each) => each.toLowerCase() === name.toLowerCase())) continue;
        names.push(name);
        pending.set(value, names);
        if (++count >= MEMBERSHIP_BATCH) await flush();
      }
    }
    await flush();
  } catch (error) {
    if (!isScimError(error)) throw error;
    await db.$executeRaw`UPDATE import_candidates SET remote_groups = '{}' WHERE run_id = ${runId}::uuid AND cardinality(remote_groups) > 0`;
  }
}
