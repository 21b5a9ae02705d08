import "server-only";
import { recordAuditEvents } from "../../audit/record-audit-event";
import type { Tx } from "../../db";
import { groupName } from "../schemas/group";
import type { UserWriteContext } from "../users/user-audit";

export interface FoundGroups {
  /** Each name asked for, as asked, → its group. */
  groups: Map<string, { id: string; name: string }>;
  /** The groups this call created. */
  created: { id: string; name: string }[];
  /** Names that cannot be a group's name, with the reason in plain words. */
  refused: { name: string; reason: string }[];
}

/**
 * The organization's groups with these names, whatever their letter case (compared as PostgreSQL lower-cases them),
 * creating the missing ones in the caller's transaction: each checked as `createGroup` checks a name and audited as
 * it audits one (`group.created`). Names differing only in case make one group, named as first spelt. A group another
 * transaction creates meanwhile is waited for and used, not duplicated (`ON CONFLICT` on the organization's `name_key`).
 */
export async function findOrCreateGroups(tx: Tx, context: UserWriteContext, names: readonly string[]): Promise<FoundGroups> {
  const checked = new Map<string, string>(); // as asked → as a group's name (trimmed)
  const refused = new Map<string, string>();
  for (const name of names) {
    if (checked.has(name) || refused.has(name)) continue;
    const parsed = groupName.safeParse(name);
    if (parsed.success) checked.set(name, parsed.data);
    else refused.set(name, parsed.error.issues[0]?.message ?? "This is not a valid group name.");
  }
  const result: FoundGroups = { groups: new Map(), created: [], refused: [...refused].map(([name, reason]) => ({ name, reason })) };
  const wanted = [...new Set(checked.values())];
  if (wanted.length === 0) return result;

  let found = await groupsNamed(tx, context.organizationId, wanted);
  const missing = wanted.filter((name) => !found.has(name));
  if (missing.length > 0) {
    result.created = await tx.$queryRaw<{ id: string; name: string }[]>`
      INSERT INTO groups (id, organization_id, name, updated_at)
      SELECT gen_random_uuid(), ${context.organizationId}::uuid, name, now() FROM unnest(${missing}::text[]) WITH ORDINALITY AS t(name, n) ORDER BY n
      ON CONFLICT (organization_id, name_key) DO NOTHING
      RETURNING id::text AS id, name`;
    await recordAuditEvents(
      tx,
      result.created.map((group) => ({
        organizationId: context.organizationId,
        actor: context.actor,
        action: "group.created",
        target: { type: "group", id: group.id, label: group.name },
        changes: { name: { from: null, to: group.name } },
        ip: context.ip,
      })),
    );
    found = await groupsNamed(tx, context.organizationId, wanted);
  }
  for (const [asked, name] of checked) {
    const group = found.get(name);
    if (group) result.groups.set(asked, group);
  }
  return result;
}

/** Each name → the organization's group whose `name_key` is that name lower-cased by PostgreSQL. */
async function groupsNamed(tx: Tx, organizationId: string, names: readonly string[]): Promise<Map<string, { id: string; name: string }>> {
  const rows = await tx.$queryRaw<{ asked: string; id: string; name: string }[]>`
    SELECT asked, g.id::text AS id, g.name
    FROM unnest(${[...names]}::text[]) AS asked
    JOIN groups g ON g.organization_id = ${organizationId}::uuid AND g.name_key = lower(asked)`;
  return new Map(rows.map((row) => [row.asked, { id: row.id, name: row.name }]));
}
