import "server-only";
import { AppError } from "../../app-error";
import { recordAuditEvent, type Actor } from "../../audit/record-audit-event";
import { db } from "../../db";
import { canManageSignInOf } from "../permissions";

const nameOf = (user: { firstName: string; lastName: string; displayName: string | null }) => user.displayName || `${user.firstName} ${user.lastName}`.trim();

/**
 * An admin resets a person's two-step sign-in (a lost phone): their authenticator and recovery codes are removed
 * and every Roster session of theirs ends, in one transaction with its audit event. Next time they sign in with
 * their password only, and set up an authenticator again if the organization requires it of them. The same rule
 * as a sign-in link (`canManageSignInOf`, the actor read again here): an Owner for anyone, an Admin with
 * "manage users" for people who are not admins. Nobody resets their own here (the Two-step sign-in page does that).
 */
export async function resetTwoStep(
  userId: string,
  context: { organizationId: string; actor: Actor; ip?: string | null },
): Promise<{ endedSessions: number; person: { name: string } }> {
  return db.$transaction(async (tx) => {
    const actor = context.actor.id
      ? await tx.user.findFirst({
          where: { id: context.actor.id, organizationId: context.organizationId, status: "ACTIVE" },
          select: { role: true, permissions: true },
        })
      : null;
    if (!actor) throw new AppError("forbidden", "You need the “manage users” permission to do this.");
    const user = await tx.user.findFirst({
      where: { id: userId, organizationId: context.organizationId },
      select: { id: true, firstName: true, lastName: true, displayName: true, email: true, role: true, twoStepFactor: { select: { confirmedAt: true } } },
    });
    if (!user) throw new AppError("not_found", "This person is no longer in the directory.");
    if (!canManageSignInOf(actor, user)) {
      throw new AppError(
        "forbidden",
        user.role === "OWNER" || user.role === "ADMIN"
          ? `Only an Owner can reset the two-step sign-in of ${nameOf(user)}, who is an admin.`
          : "You need the “manage users” permission to do this.",
      );
    }
    if (user.id === context.actor.id) {
      throw new AppError("conflict", "To change your own two-step sign-in, open Two-step sign-in from your account menu.");
    }
    if (!user.twoStepFactor?.confirmedAt) throw new AppError("conflict", `${nameOf(user)} has not set up two-step sign-in, so there is nothing to reset.`);

    await tx.twoStepFactor.delete({ where: { userId }, select: { userId: true } });
    const codes = await tx.recoveryCode.deleteMany({ where: { userId } });
    const sessions = await tx.session.deleteMany({ where: { userId } });
    await recordAuditEvent(tx, {
      organizationId: context.organizationId,
      actor: context.actor,
      action: "person.two_step_reset",
      target: { type: "user", id: user.id, label: `${user.firstName} ${user.lastName} <${user.email}>` },
      changes: {
        twoStep: { from: "on", to: "off" },
        recoveryCodes: { from: codes.count, to: 0 },
        ...(sessions.count > 0 ? { endedSessions: { from: null, to: sessions.count } } : {}),
      },
      ip: context.ip ?? null,
    });
    return { endedSessions: sessions.count, person: { name: nameOf(user) } };
  });
}

/** Whether a person has two-step sign-in on and how many recovery codes they have left, for their page. */
export async function getTwoStepStatus(organizationId: string, userId: string): Promise<{ on: boolean; recoveryCodesLeft: number }> {
  const [on, recoveryCodesLeft] = await Promise.all([
    db.twoStepFactor.count({ where: { userId, confirmedAt: { not: null }, user: { organizationId } } }),
    db.recoveryCode.count({ where: { userId, usedAt: null, user: { organizationId } } }),
  ]);
  return { on: on > 0, recoveryCodesLeft: on > 0 ? recoveryCodesLeft : 0 };
}
