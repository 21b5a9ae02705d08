import "server-only";
import { AppError } from "../../app-error";
import { db } from "../../db";
import { markForReconcile } from "../../provisioning/queue/mark-for-reconcile";
import { recordUserChange, type UserWriteContext } from "../users/user-audit";
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
      if (people.length === 0) return 0;
      await tx.assignment.createMany({ data: people.map((person) => ({ appId, userId: person.id })), skipDuplicates: true });
      for (const person of people) await recordUserChange(tx, context, person, "user.assigned", { app: { from: null, to: app.name } });
      await markForReconcile(tx, [appId], people.map((person) => person.id));
      return people.length;
    });
  }
  return { changed };
}

/** Takes people out of the app's scope; the sync engine then deactivates their accounts. */
export async function unassignUsers(appId: string, selection: UserSelection, context: UserWriteContext): Promise<{ changed: number }> {
  const app = await findApp(context.organizationId, appId);
  let changed = 0;
  for await (const ids of selectedIdBatches(context.organizationId, selection)) {
    changed += await db.$transaction(async (tx) => {
      const people = await tx.user.findMany({
        where: { organizationId: context.organizationId, id: { in: ids }, assignments: { some: { appId } } },
        select: { id: true, firstName: true, lastName: true, email: true },
      });
      if (people.length === 0) return 0;
      await tx.assignment.deleteMany({ where: { appId, userId: { in: people.map((person) => person.id) } } });
      for (const person of people) await recordUserChange(tx, context, person, "user.unassigned", { app: { from: app.name, to: null } });
      await markForReconcile(tx, [appId], people.map((person) => person.id));
      return people.length;
    });
  }
  return { changed };
}
