import "server-only";
import type { Tx } from "../../db";

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
