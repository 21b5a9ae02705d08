import "server-only";
import { AppError } from "../../app-error";
import { recordAuditEvent } from "../../audit/record-audit-event";
import { db } from "../../db";
import type { Prisma } from "../../generated/prisma/client";
import { markForReconcile } from "../../queue/mark-for-reconcile";
import { isScimError, type ScimUser } from "../../scim";
import type { AppWriteContext } from "../apps/app-audit";
import { getConnector } from "../connectors/catalog";
import { readScimValues } from "../mapping/build-scim-user";
import { lockPairs } from "../sync/pair-locks";
import { personLabel } from "../sync/plan";
import { appUnavailable, openAppUsers } from "./open-app-users";

export interface LinkedAccount {
  remoteId: string;
  remoteUserName: string;
  state: "ACTIVE" | "INACTIVE";
}

/**
 * An admin's answer to a create the app refused because an account it holds already has the
 * person's user name or e-mail, and that Roster could not find (see unresolvedConflict): "this is
 * their account". The caller (a server action) has checked the admin may assign apps.
 *
 * Reads the account from the app first, with no transaction open; then, in one short transaction,
 * saves it as the person's account with the values it holds now, logs a LINK, audits the admin's
 * choice, and marks the pair for reconcile, so the next update brings the account in line with the
 * directory. Refused, in plain words, when the account does not exist, is already linked to another
 * person of this app, or the person already has an account there.
 */
export async function linkAccount(organizationId: string, appId: string, userId: string, remoteId: string, context: AppWriteContext): Promise<LinkedAccount> {
  const person = await db.user.findFirst({
    where: { id: userId, organizationId },
    select: {
      firstName: true,
      lastName: true,
      email: true,
      assignments: { where: { appId }, select: { appId: true } },
      groups: { where: { group: { assignments: { some: { appId } } } }, select: { groupId: true }, take: 1 },
    },
  });
  if (!person) throw new AppError("not_found", "This person is not in the directory any more.");
  const { app, users } = await openAppUsers(organizationId, appId);
  if (person.assignments.length === 0 && person.groups.length === 0) {
    throw new AppError("invalid_input", `${person.firstName} ${person.lastName} is not assigned to ${app.name}: assign them first, then link their account.`);
  }
  await refuseIfLinked(appId, userId, remoteId);

  // The engine's own lock on the pair, held from the read to the record (no transaction open meanwhile):
  // no sync of this person in this app runs in between.
  const locks = await lockPairs(appId, [userId]);
  try {
    if (locks.busy.length > 0) {
      throw new AppError("conflict", `Roster is sending a change for ${person.firstName} ${person.lastName} to ${app.name} right now. Try again in a moment.`);
    }
    return await linkLocked(organizationId, appId, userId, remoteId, context, { person, app, users });
  } finally {
    await locks.release();
  }
}

async function linkLocked(
  organizationId: string,
  appId: string,
  userId: string,
  remoteId: string,
  context: AppWriteContext,
  {
    person,
    app,
    users,
  }: {
    person: { firstName: string; lastName: string; email: string };
    app: Awaited<ReturnType<typeof openAppUsers>>["app"];
    users: Awaited<ReturnType<typeof openAppUsers>>["users"];
  },
): Promise<LinkedAccount> {
  const started = Date.now();
  let remote: ScimUser;
  try {
    remote = await users.get(remoteId);
  } catch (error) {
    if (isScimError(error) && error.kind === "notFound") {
      throw new AppError("not_found", `${app.name} has no account with the id ${remoteId} (any more). Search again and choose one from the list.`);
    }
    appUnavailable(error, app.name);
  }
  const durationMs = Date.now() - started;

  const label = personLabel(person, null, userId);
  const state: LinkedAccount["state"] = remote.active === false ? "INACTIVE" : "ACTIVE";
  const pushedValues = readScimValues(remote, getConnector(app.catalogKey)?.targets ?? []) as Prisma.InputJsonValue;
  await db.$transaction(async (tx) => {
    // Waits for any other link of the same account (a short transaction of the same kind).
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`link:${appId}:${remote.id}`}, 0))`;
    await refuseIfLinked(appId, userId, remote.id, tx);
    const account = {
      userLabel: label,
      remoteId: remote.id,
      remoteUserName: remote.userName,
      remoteExternalId: remote.externalId ?? null,
      pushedValues,
      state,
      lastError: null,
      lastErrorAt: null,
      lastSyncedAt: new Date(),
    };
    await tx.account.upsert({ where: { appId_userId: { appId, userId } }, create: { appId, userId, ...account }, update: account });
    await tx.operation.create({
      data: {
        appId,
        userId,
        userLabel: label,
        kind: "LINK",
        status: "SUCCEEDED",
        httpStatus: 200,
        message: `Linked by ${context.actor.label} to the app's existing account ${remote.userName}; Roster brings it in line with the directory next.`,
        durationMs,
      },
    });
    await recordAuditEvent(tx, {
      organizationId,
      actor: context.actor,
      action: "user.account_linked",
      target: { type: "user", id: userId, label: `${person.firstName} ${person.lastName}` },
      changes: { app: { from: null, to: app.name }, account: { from: null, to: remote.userName } },
      ip: context.ip,
    });
    await markForReconcile(tx, [appId], [userId]);
  });
  return { remoteId: remote.id, remoteUserName: remote.userName, state };
}

/** Refuses a link that would give the person a second account in the app, or the account a second person. */
async function refuseIfLinked(appId: string, userId: string, remoteId: string, tx: Pick<typeof db, "account"> = db): Promise<void> {
  const linked = await tx.account.findMany({
    where: { appId, state: { not: "DELETED" }, remoteId: { not: null }, OR: [{ userId }, { remoteId }] },
    select: { userId: true, userLabel: true, remoteId: true, remoteUserName: true },
  });
  const own = linked.find((account) => account.userId === userId);
  if (own) {
    throw new AppError(
      "conflict",
      own.remoteId === remoteId
        ? `This account is already linked to ${own.userLabel}.`
        : `${own.userLabel} is already linked to the app's account ${own.remoteUserName ?? own.remoteId}. Refresh the page to see it.`,
    );
  }
  const other = linked.find((account) => account.remoteId === remoteId);
  if (other)
    throw new AppError("conflict", `This account is already linked to ${other.userLabel}. Each account in an app belongs to one person; choose another.`);
}
