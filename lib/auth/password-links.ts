import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { AppError } from "../app-error";
import { recordAuditEvent, type Actor } from "../audit/record-audit-event";
import { db } from "../db";
import { Prisma } from "../generated/prisma/client";
import { hashPassword } from "./password";
import { canManageSignInOf } from "./permissions";
import { returnPasswordLinkAttempt, takePasswordLinkAttempt } from "./password-link-limiter";

export const PASSWORD_LINK_TTL_MS = 24 * 60 * 60 * 1000;

export type PasswordLinkPurpose = "INVITE" | "RESET";

/** Only this digest of a link's token is stored; the token itself exists in the link shown once. */
export function hashLinkToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

const nameOf = (user: { firstName: string; lastName: string; displayName: string | null }) => user.displayName || `${user.firstName} ${user.lastName}`.trim();

/**
 * A one-time link for an active person to set their password: an invite when they have none yet, a reset when they
 * do. An Owner creates links for anyone; an Admin with "manage users" for people who are not admins (read again
 * here, not from the session). Its token is 32 random bytes, returned once (for the admin to pass on) and stored
 * only as its SHA-256. It works once, for 24 hours; creating one voids the person's earlier unused link. Recorded
 * in the same transaction.
 */
export async function createPasswordLink(
  userId: string,
  context: { organizationId: string; actor: Actor; ip?: string | null },
  now = new Date(),
): Promise<{ token: string; purpose: PasswordLinkPurpose; expiresAt: Date; person: { name: string; email: string } }> {
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(now.getTime() + PASSWORD_LINK_TTL_MS);
  return db.$transaction(async (tx) => {
    const user = await tx.user.findFirst({
      where: { id: userId, organizationId: context.organizationId },
      select: { id: true, firstName: true, lastName: true, displayName: true, email: true, role: true, status: true },
    });
    if (!user) throw new AppError("not_found", "This person is no longer in the directory.");
    const actor = context.actor.id
      ? await tx.user.findFirst({
          where: { id: context.actor.id, organizationId: context.organizationId, status: "ACTIVE" },
          select: { role: true, permissions: true },
        })
      : null;
    const targetIsAdmin = user.role === "OWNER" || user.role === "ADMIN";
    if (!actor || !canManageSignInOf(actor, user)) {
      throw new AppError(
        "forbidden",
        targetIsAdmin ? `Only an Owner can create a sign-in link for ${nameOf(user)}, who is an admin.` : "You need the “manage users” permission to do this.",
      );
    }
    if (user.status !== "ACTIVE") throw new AppError("conflict", `${nameOf(user)} is inactive. Activate them on their page first.`);
    // Whether a password exists, without reading it.
    const purpose: PasswordLinkPurpose = (await tx.user.count({ where: { id: userId, passwordHash: { not: null } } })) > 0 ? "RESET" : "INVITE";
    await tx.passwordLink.updateMany({ where: { userId, usedAt: null, expiresAt: { gt: now } }, data: { expiresAt: now } });
    await tx.passwordLink.create({
      data: { organizationId: context.organizationId, userId, purpose, tokenHash: hashLinkToken(token), createdById: context.actor.id, expiresAt },
      select: { id: true },
    });
    await recordAuditEvent(tx, {
      organizationId: context.organizationId,
      actor: context.actor,
      action: purpose === "INVITE" ? "admin.invite_link_created" : "admin.reset_link_created",
      target: { type: "user", id: user.id, label: `${user.firstName} ${user.lastName} <${user.email}>` },
      changes: { expiresAt: { from: null, to: expiresAt.toISOString() } },
      ip: context.ip ?? null,
    });
    return { token, purpose, expiresAt, person: { name: nameOf(user), email: user.email } };
  });
}

export type PasswordLinkCheck =
  | { state: "usable"; purpose: PasswordLinkPurpose; person: { name: string; email: string } }
  | { state: "unusable" }
  | { state: "rate_limited"; retryAfterSeconds: number };

/** A link works while unused, unexpired, and its person is active. */
const usable = (now: Date) => ({ usedAt: null, expiresAt: { gt: now }, user: { status: "ACTIVE" as const } });

/** What the set-password page shows for a token. Each try of an unusable token counts against the address. */
export async function checkPasswordLink(token: string, meta: { ip: string | null }, now = new Date()): Promise<PasswordLinkCheck> {
  const attempt = await takePasswordLinkAttempt(meta.ip);
  if (!attempt.allowed) return { state: "rate_limited", retryAfterSeconds: attempt.retryAfterSeconds };
  const link = await db.passwordLink.findFirst({
    where: { tokenHash: hashLinkToken(token), ...usable(now) },
    select: { purpose: true, user: { select: { firstName: true, lastName: true, displayName: true, email: true } } },
  });
  if (!link) return { state: "unusable" };
  await returnPasswordLinkAttempt(meta.ip);
  return { state: "usable", purpose: link.purpose, person: { name: nameOf(link.user), email: link.user.email } };
}

export type SetPasswordByLinkResult =
  { ok: true; userId: string; adminAccess: boolean } | { ok: false; reason: "unusable" } | { ok: false; reason: "rate_limited"; retryAfterSeconds: number };

/**
 * Sets the person's password through a link: the link is spent by one conditional UPDATE (so two tabs cannot
 * both use it), the password stored, and every session of theirs ended, all in one transaction with its audit
 * event. The caller then starts a new session.
 */
export async function setPasswordByLink(input: { token: string; password: string }, meta: { ip: string | null }): Promise<SetPasswordByLinkResult> {
  const attempt = await takePasswordLinkAttempt(meta.ip);
  if (!attempt.allowed) return { ok: false, reason: "rate_limited", retryAfterSeconds: attempt.retryAfterSeconds };
  const passwordHash = await hashPassword(input.password);
  const signedIn = await db.$transaction(async (tx) => {
    const [link] = await tx.$queryRaw<{ userId: string; organizationId: string; purpose: PasswordLinkPurpose }[]>(Prisma.sql`
      UPDATE password_links pl SET used_at = now()
      FROM users u
      WHERE pl.token_hash = ${hashLinkToken(input.token)} AND pl.used_at IS NULL AND pl.expires_at > now()
        AND u.id = pl.user_id AND u.status = 'ACTIVE'
      RETURNING pl.user_id::text AS "userId", pl.organization_id::text AS "organizationId", pl.purpose::text AS purpose`);
    if (!link) return null;
    const user = await tx.user.update({
      where: { id: link.userId },
      data: { passwordHash },
      select: { id: true, firstName: true, lastName: true, email: true, role: true },
    });
    const { count } = await tx.session.deleteMany({ where: { userId: user.id } });
    await recordAuditEvent(tx, {
      organizationId: link.organizationId,
      actor: { id: user.id, label: user.email },
      action: "admin.password_set_by_link",
      target: { type: "user", id: user.id, label: `${user.firstName} ${user.lastName} <${user.email}>` },
      changes: { link: { from: null, to: link.purpose === "INVITE" ? "invite" : "reset" }, ...(count > 0 ? { endedSessions: { from: null, to: count } } : {}) },
      ip: meta.ip,
    });
    return { userId: user.id, adminAccess: user.role === "OWNER" || user.role === "ADMIN" };
  });
  if (!signedIn) return { ok: false, reason: "unusable" };
  await returnPasswordLinkAttempt(meta.ip);
  return { ok: true, ...signedIn };
}

export interface CreatedPasswordLink {
  userId: string;
  token: string;
  purpose: PasswordLinkPurpose;
  expiresAt: Date;
  person: { name: string; email: string };
}

/**
 * One link each for a selection of people (the users list's "Sign-in links" CSV), each made and audited as
 * `createPasswordLink` makes one. Someone who cannot have a link (inactive, an admin for a non-Owner, gone) is
 * skipped with the reason; the others still get theirs.
 */
export async function createPasswordLinks(
  userIds: readonly string[],
  context: { organizationId: string; actor: Actor; ip?: string | null },
  now = new Date(),
): Promise<{ links: CreatedPasswordLink[]; skipped: { id: string; reason: string }[] }> {
  const links: CreatedPasswordLink[] = [];
  const skipped: { id: string; reason: string }[] = [];
  for (const userId of new Set(userIds)) {
    try {
      links.push({ userId, ...(await createPasswordLink(userId, context, now)) });
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      skipped.push({ id: userId, reason: error.message });
    }
  }
  return { links, skipped };
}

/** Whether a person has a password and an unused link, for the person page's link button (the hash is never read). */
export async function getPasswordLinkState(
  organizationId: string,
  userId: string,
  now = new Date(),
): Promise<{ hasPassword: boolean; hasPendingLink: boolean }> {
  const [withPassword, pending] = await Promise.all([
    db.user.count({ where: { id: userId, organizationId, passwordHash: { not: null } } }),
    db.passwordLink.count({ where: { organizationId, userId, usedAt: null, expiresAt: { gt: now } } }),
  ]);
  return { hasPassword: withPassword > 0, hasPendingLink: pending > 0 };
}
