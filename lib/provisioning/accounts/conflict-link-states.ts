import "server-only";
import { db } from "../../db";

/**
 * Where a Link action belongs: a create the app refused with a conflict Roster could not resolve
 * (errorKind `conflict`, see unresolvedConflict) is retried only by the next change, and fails the
 * same way until an admin frees the value in the app or links the account that holds it.
 * - `linkable`: the person is still assigned and has no account in the app: the admin can link one;
 * - `linked`: the person has an account in the app now (linked, or created after the value was freed).
 * Rows of people gone from the directory or unassigned get neither.
 */
export type ConflictLinkState = { state: "linkable" } | { state: "linked"; remoteUserName: string };

interface LogRow {
  id: string;
  appId: string;
  userId: string | null;
  kind: string;
  status: string;
}

const pairKey = (appId: string, userId: string) => `${appId}:${userId}`;

/** For the log rows shown (any organization's rows are ignored), the Link state of each unresolved-conflict row, by operation id. */
export async function conflictLinkStates(organizationId: string, rows: readonly LogRow[]): Promise<Record<string, ConflictLinkState>> {
  const failedCreates = rows.filter((row) => row.kind === "CREATE" && row.status === "FAILED").map((row) => row.id);
  if (failedCreates.length === 0) return {};
  const conflicts = await db.operation.findMany({
    where: { id: { in: failedCreates }, errorKind: "conflict", app: { organizationId }, userId: { not: null } },
    select: { id: true, appId: true, userId: true },
  });
  if (conflicts.length === 0) return {};
  const pairs = await pairStates(
    organizationId,
    conflicts.map((row) => ({ appId: row.appId, userId: row.userId! })),
  );
  const states: Record<string, ConflictLinkState> = {};
  for (const row of conflicts) {
    const state = pairs.get(pairKey(row.appId, row.userId!));
    if (state) states[row.id] = state;
  }
  return states;
}

/** A person's unresolved conflict in one app, for the person page: what the app said, and when. */
export interface PersonConflict {
  message: string | null;
  at: Date;
}

/** For a person's apps (the person page), each app whose latest attempt was an unresolved conflict that an admin can still link, by app id. */
export async function conflictLinkStatesForPerson(organizationId: string, userId: string, appIds: readonly string[]): Promise<Record<string, PersonConflict>> {
  if (appIds.length === 0) return {};
  const latest = await db.operation.findMany({
    where: { userId, appId: { in: [...appIds] }, status: { not: "SKIPPED" }, app: { organizationId } },
    distinct: ["appId"],
    orderBy: [{ appId: "asc" }, { createdAt: "desc" }, { id: "desc" }],
    select: { appId: true, kind: true, status: true, errorKind: true, message: true, createdAt: true },
  });
  const conflicted = latest.filter((row) => row.kind === "CREATE" && row.status === "FAILED" && row.errorKind === "conflict");
  const pairs = await pairStates(
    organizationId,
    conflicted.map((row) => ({ appId: row.appId, userId })),
  );
  const conflicts: Record<string, PersonConflict> = {};
  for (const row of conflicted) {
    if (pairs.get(pairKey(row.appId, userId))?.state === "linkable") conflicts[row.appId] = { message: row.message, at: row.createdAt };
  }
  return conflicts;
}

async function pairStates(organizationId: string, pairs: readonly { appId: string; userId: string }[]): Promise<Map<string, ConflictLinkState>> {
  if (pairs.length === 0) return new Map();
  const where = { OR: pairs.map(({ appId, userId }) => ({ appId, userId })) };
  const [assignments, viaGroups, accounts] = await Promise.all([
    db.assignment.findMany({ where: { ...where, app: { organizationId } }, select: { appId: true, userId: true } }),
    db.$queryRaw<{ appId: string; userId: string }[]>`
      SELECT DISTINCT ga.app_id::text AS "appId", gm.user_id::text AS "userId"
      FROM unnest(${pairs.map((pair) => pair.appId)}::uuid[], ${pairs.map((pair) => pair.userId)}::uuid[]) AS p(app_id, user_id)
      JOIN group_assignments ga ON ga.app_id = p.app_id
      JOIN group_members gm ON gm.group_id = ga.group_id AND gm.user_id = p.user_id
      JOIN apps ON apps.id = ga.app_id AND apps.organization_id = ${organizationId}::uuid`,
    db.account.findMany({
      where: { ...where, app: { organizationId }, remoteId: { not: null }, state: { not: "DELETED" } },
      select: { appId: true, userId: true, remoteId: true, remoteUserName: true },
    }),
  ]);
  const states = new Map<string, ConflictLinkState>();
  for (const { appId, userId } of [...assignments, ...viaGroups]) states.set(pairKey(appId, userId), { state: "linkable" });
  for (const account of accounts)
    states.set(pairKey(account.appId, account.userId), { state: "linked", remoteUserName: account.remoteUserName ?? account.remoteId! });
  return states;
}
