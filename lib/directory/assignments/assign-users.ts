import "server-only";
import { AppError } from "../../app-error";
import { db, type Tx } from "../../db";
import { markForReconcile } from "../../queue/mark-for-reconcile";
import type { PersonName } from "../users/create-people";
import { recordUserChanges, type AuditChanges, type UserWriteContext } from "../users/user-audit";
import { listAccessSources } from "./access-sources";
import { describeAccess } from "./describe-access";
import { peopleWithoutOtherSource } from "./scope-sources";
import { selectedIdBatches, type UserSelection } from "../users/change-users";

async function findApp(organizationId: string, appId: string) {
  const app = await db.app.findFirst({ where: { id: appId, organizationId }, select: { id: true, name: true } });
  if (!app) throw new AppError("not_found", "This app no longer exists.");
  return app;
}

/**
 * Puts people in the app's scope: each new assignment is audited and marked
 * for reconcile in the same transaction, so the sync engine creates or
 * reactivates their accounts. People already assigned are left alone.
 */
export async function assignUsers(appId: string, selection: UserSelection, context: UserWriteContext): Promise<{ changed: number }> {
  const app = await findApp(context.organizationId, appId);
  let changed = 0;
  for await (const ids of selectedIdBatches(context.organizationId, selection)) {
    changed += await db.$transaction(async (tx) => {
      const people = await tx.user.findMany({
        where: { organizationId: context.organizationId, id: { in: ids }, assignments: { none: { appId } } },
        select: { id: true, firstName: true, lastName: true, email: true },
      });
      return (await assignPeople(tx, context, appId, people, { app: { from: null, to: app.name } })).length;
    });
  }
  return { changed };
}

/** People named in an outcome's `skipped`; `skippedCount` counts them all. */
const SKIPPED_NAMED = 50;

/**
 * Takes the direct assignment away; the sync engine then deactivates the accounts of those left with
 * no access. Anyone who keeps the app through an assigned group is listed in `skipped` with the groups.
 */
export async function unassignUsers(
  appId: string,
  selection: UserSelection,
  context: UserWriteContext,
): Promise<{ changed: number; skipped: { name: string; reason: string }[]; skippedCount: number }> {
  const app = await findApp(context.organizationId, appId);
  let changed = 0;
  const skipped: { name: string; reason: string }[] = [];
  let skippedCount = 0;
  for await (const ids of selectedIdBatches(context.organizationId, selection)) {
    changed += await db.$transaction(async (tx) => {
      const people = await tx.user.findMany({
        where: { organizationId: context.organizationId, id: { in: ids }, assignments: { some: { appId } } },
        select: { id: true, firstName: true, lastName: true, email: true },
      });
      const unassigned = await unassignPeople(tx, context, appId, people, { app: { from: app.name, to: null } });
      const keeping = await tx.user.findMany({
        where: { organizationId: context.organizationId, id: { in: ids }, groups: { some: { group: { assignments: { some: { appId } } } } } },
        select: { id: true, firstName: true, lastName: true },
        orderBy: [{ lastName: "asc" }, { firstName: "asc" }, { id: "asc" }],
      });
      skippedCount += keeping.length;
      const named = keeping.slice(0, Math.max(0, SKIPPED_NAMED - skipped.length));
      const sources = await listAccessSources(
        appId,
        named.map((person) => person.id),
        tx,
      );
      for (const person of named) {
        const access = describeAccess({ direct: false, groups: sources.get(person.id)?.groups ?? [] });
        skipped.push({ name: `${person.firstName} ${person.lastName}`, reason: `still has access ${access.replace(/^Via/, "via")}` });
      }
      return unassigned.length;
    });
  }
  return { changed, skipped, skippedCount };
}

/**
 * Assigns the app to these people in the caller's transaction, with one
 * statement for all of them. Only those not assigned already (by now, or by a
 * transaction that commits first) are audited, with `changes`, and marked for
 * reconcile. Returns them.
 */
export async function assignPeople(
  tx: Tx,
  context: UserWriteContext,
  appId: string,
  people: readonly PersonName[],
  changes: AuditChanges,
): Promise<PersonName[]> {
  if (people.length === 0) return [];
  const rows = await tx.$queryRaw<{ userId: string }[]>`
    INSERT INTO assignments (app_id, user_id)
    SELECT ${appId}::uuid, user_id FROM unnest(${people.map((person) => person.id)}::uuid[]) AS user_id
    ON CONFLICT DO NOTHING
    RETURNING user_id::text AS "userId"`;
  return recordAssignmentChanges(tx, context, appId, people, rows, "user.assigned", changes);
}

/** Takes the app away from these people in the caller's transaction: the counterpart of `assignPeople`. */
export async function unassignPeople(
  tx: Tx,
  context: UserWriteContext,
  appId: string,
  people: readonly PersonName[],
  changes: AuditChanges,
): Promise<PersonName[]> {
  if (people.length === 0) return [];
  const rows = await tx.$queryRaw<{ userId: string }[]>`
    DELETE FROM assignments WHERE app_id = ${appId}::uuid AND user_id = ANY(${people.map((person) => person.id)}::uuid[])
    RETURNING user_id::text AS "userId"`;
  return recordAssignmentChanges(tx, context, appId, people, rows, "user.unassigned", changes);
}

async function recordAssignmentChanges(
  tx: Tx,
  context: UserWriteContext,
  appId: string,
  people: readonly PersonName[],
  rows: readonly { userId: string }[],
  action: string,
  changes: AuditChanges,
): Promise<PersonName[]> {
  const changedIds = new Set(rows.map((row) => row.userId));
  const changed = people.filter((person) => changedIds.delete(person.id));
  await recordUserChanges(
    tx,
    context,
    changed.map((user) => ({ user, action, changes })),
  );
  // Someone who keeps the app through a group has the same access as before: only the others' pairs change.
  await markForReconcile(
    tx,
    [appId],
    await peopleWithoutOtherSource(
      tx,
      appId,
      changed.map((person) => person.id),
      { direct: true },
    ),
  );
  return changed;
}
