import "server-only";
import type { SignInInput } from "./schemas";
import { recordAuditEvent } from "../audit/record-audit-event";
import { recordSignIn } from "../audit/record-sign-in";
import { db } from "../db";
import { verifyAgainstDecoy, verifyPassword } from "./password";
import { hasAdminAccess } from "./permissions";
import type { RequestMeta } from "./request-meta";
import { settleSuccessfulSignIn, takeSignInAttempt } from "./sign-in-limiter";

export { signInInput, type SignInInput } from "./schemas";

export type SignInResult =
  | { ok: true; userId: string; adminAccess: boolean }
  | { ok: false; reason: "invalid_credentials" }
  | { ok: false; reason: "rate_limited"; retryAfterSeconds: number };

/**
 * Checks the credentials and starts a session. Every wrong e-mail or password
 * gets the same answer, in the same time. Any active person with a password may
 * sign in: admins to the admin panel, everyone else to My apps (`adminAccess`
 * says which). The caller starts the session (lib/auth/session.ts) when this succeeds.
 *
 * The attempt is counted before the password is checked (see
 * sign-in-limiter.ts), so parallel guesses cannot outrun the lock: once an
 * e-mail or address has used its attempts, the rest are refused without
 * running Argon2.
 */
export async function signIn(input: SignInInput, meta: Pick<RequestMeta, "ip">): Promise<SignInResult> {
  const attempt = await takeSignInAttempt(input.email, meta.ip);
  if (!attempt.allowed) {
    await recordRateLimitedSignIn(input.email, meta.ip);
    return { ok: false, reason: "rate_limited", retryAfterSeconds: attempt.retryAfterSeconds };
  }

  const candidates = await db.user.findMany({
    where: signInCandidates(input.email),
    select: { id: true, organizationId: true, email: true, role: true, permissions: true, passwordHash: true },
    orderBy: { createdAt: "asc" },
    take: 5,
  });

  let user: (typeof candidates)[number] | undefined;
  for (const candidate of candidates) {
    if (candidate.passwordHash && (await verifyPassword(candidate.passwordHash, input.password))) {
      user = candidate;
      break;
    }
  }
  if (candidates.length === 0) await verifyAgainstDecoy(input.password);

  if (!user) {
    const known = candidates[0];
    if (known) {
      await recordAuditEvent(db, {
        organizationId: known.organizationId,
        actor: { id: known.id, label: known.email },
        action: "auth.sign_in_failed",
        target: { type: "user", id: known.id, label: known.email },
        ip: meta.ip,
      });
      await recordSignIn(db, {
        organizationId: known.organizationId,
        person: { id: known.id, label: known.email },
        outcome: "FAILED",
        reason: "wrong_password",
        ip: meta.ip,
      });
    }
    return { ok: false, reason: "invalid_credentials" };
  }

  await settleSuccessfulSignIn(input.email, meta.ip);

  await recordAuditEvent(db, {
    organizationId: user.organizationId,
    actor: { id: user.id, label: user.email },
    action: "auth.signed_in",
    target: { type: "user", id: user.id, label: user.email },
    ip: meta.ip,
  });
  return { ok: true, userId: user.id, adminAccess: hasAdminAccess(user) };
}

/** The people an e-mail may sign in as: active, with a password. */
const signInCandidates = (email: string) => ({ email, passwordHash: { not: null }, status: "ACTIVE" as const });

/**
 * A password sign-in the rate limit refused goes into the sign-in log of the person the e-mail belongs to (the
 * first one, as for a wrong password), without checking any password. An e-mail that belongs to nobody is not
 * recorded: the log is kept per organization and there is none to file it under (and noting it would tell an
 * onlooker nothing they could act on).
 */
async function recordRateLimitedSignIn(email: string, ip: string | null): Promise<void> {
  const known = await db.user.findFirst({
    where: signInCandidates(email),
    select: { id: true, organizationId: true, email: true },
    orderBy: { createdAt: "asc" },
  });
  if (!known) return;
  await recordSignIn(db, { organizationId: known.organizationId, person: { id: known.id, label: known.email }, outcome: "FAILED", reason: "rate_limited", ip });
}
