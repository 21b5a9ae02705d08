import "server-only";
import { db } from "../../db";

/** A pushed group's change as Dry run shows it: from the database alone, against what Roster last pushed. */
export interface GroupChange {
  groupId: string;
  label: string;
  kind: "CREATE" | "UPDATE" | "DELETE";
  /** For UPDATE: a new name (recreated where the app cannot rename). */
  rename?: { from: string; to: string };
  added: number;
  removed: number;
}

/**
 * What a sync would do to the app's pushed groups: create the ones not there yet, rename and change the members of
 * the others (compared with the members Roster last pushed), and delete the copies of groups no longer pushed.
 * The app itself is not asked: a member changed in the app behind Roster's back shows at the next real sync.
 */
export async function planGroupChanges(appId: string): Promise<GroupChange[]> {
  const rows = await db.$queryRaw<
    {
      groupId: string;
      name: string | null;
      pushed: boolean;
      remoteId: string | null;
      remoteName: string | null;
      label: string | null;
      pushedIds: string[] | null;
      wantedIds: string[] | null;
    }[]
  >`
    WITH pushed AS (
      SELECT ga.group_id FROM group_assignments ga JOIN apps ON apps.id = ga.app_id AND apps.push_groups WHERE ga.app_id = ${appId}::uuid AND ga.push
    ),
    subjects AS (
      SELECT group_id FROM pushed UNION SELECT group_id FROM app_groups WHERE app_id = ${appId}::uuid AND state <> 'DELETED' AND remote_id IS NOT NULL
    )
    SELECT s.group_id::text AS "groupId", g.name, (s.group_id IN (SELECT group_id FROM pushed) AND g.id IS NOT NULL) AS pushed,
      ag.remote_id AS "remoteId", ag.remote_name AS "remoteName", ag.group_label AS label, ag.pushed_member_ids AS "pushedIds",
      (SELECT array_agg(acc.remote_id) FROM group_members gm JOIN accounts acc ON acc.app_id = ${appId}::uuid AND acc.user_id = gm.user_id
        WHERE gm.group_id = s.group_id AND acc.remote_id IS NOT NULL AND acc.state = 'ACTIVE') AS "wantedIds"
    FROM subjects s
    LEFT JOIN groups g ON g.id = s.group_id
    LEFT JOIN app_groups ag ON ag.app_id = ${appId}::uuid AND ag.group_id = s.group_id AND ag.state <> 'DELETED' AND ag.remote_id IS NOT NULL
    ORDER BY coalesce(g.name, ag.group_label)`;
  const changes: GroupChange[] = [];
  for (const row of rows) {
    const label = row.name ?? row.label ?? row.groupId;
    const wanted = new Set(row.wantedIds ?? []);
    if (!row.pushed) {
      if (row.remoteId) changes.push({ groupId: row.groupId, label, kind: "DELETE", added: 0, removed: row.pushedIds?.length ?? 0 });
      continue;
    }
    if (!row.remoteId) {
      changes.push({ groupId: row.groupId, label, kind: "CREATE", added: wanted.size, removed: 0 });
      continue;
    }
    const pushed = new Set(row.pushedIds ?? []);
    const added = [...wanted].filter((id) => !pushed.has(id)).length;
    const removed = [...pushed].filter((id) => !wanted.has(id)).length;
    const rename = row.remoteName !== null && row.name !== null && row.remoteName !== row.name ? { from: row.remoteName, to: row.name } : undefined;
    if (added > 0 || removed > 0 || rename) changes.push({ groupId: row.groupId, label, kind: "UPDATE", rename, added, removed });
  }
  return changes;
}
