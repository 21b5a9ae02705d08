import "server-only";
import { recordAuditEvent } from "../audit/record-audit-event";
import { db } from "../db";
import { hashPassword, verifyPassword } from "./password";
import type { ChangePasswordInput } from "./schemas";
import type { CurrentSession } from "./session";
import { settleSuccessfulSignIn, takeSignInAttempt } from "./sign-in-limiter";

export type ChangePasswordResult =
  { ok: true; endedSessions: number } | { ok: false; reason: "wrong_current" } | { ok: false; reason: "rate_limited"; retryAfterSeconds: number };

/**
 * Changes the signed-in admin's own password. The current password is a guess like a sign-in's, so it counts
 * against the same limits (sign-in-limiter.ts). Success ends the admin's other sessions (this one stays) in the
 * same transaction as the change and its audit event.
 */
export async function changeOwnPassword(
  session: Pick<CurrentSession, "sessionId" | "userId" | "email" | "organization">,
  input: Pick<ChangePasswordInput, "current" | "password">,
  meta: { ip: string | null },
): Promise<ChangePasswordResult> {
  const attempt = await takeSignInAttempt(session.email, meta.ip);
  if (!attempt.allowed) return { ok: false, reason: "rate_limited", retryAfterSeconds: attempt.retryAfterSeconds };
  const user = await db.user.findFirst({
    where: { id: session.userId, organizationId: session.organization.id },
    select: { passwordHash: true, firstName: true, lastName: true, email: true },
  });
  if (!user?.passwordHash || !(await verifyPassword(user.passwordHash, input.current))) return { ok: false, reason: "wrong_current" };
  await settleSuccessfulSignIn(session.email, meta.ip);
  const passwordHash = await hashPassword(input.password);
  return db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: session.userId }, data: { passwordHash }, select: { id: true } });
    const { count } = await tx.session.deleteMany({ where: { userId: session.userId, id: { not: session.sessionId } } });
    await recordAuditEvent(tx, {
      organizationId: session.organization.id,
      actor: { id: session.userId, label: session.email },
      action: "admin.password_changed",
      target: { type: "user", id: session.userId, label: `${user.firstName} ${user.lastName} <${user.email}>` },
      changes: count > 0 ? { endedSessions: { from: null, to: count } } : undefined,
      ip: meta.ip,
    });
    return { ok: true as const, endedSessions: count };
  });
}
