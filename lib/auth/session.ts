import "server-only";
import { randomBytes } from "node:crypto";
import { cache } from "react";
import { db } from "../db";
import { hasAdminAccess, type PermissionCode, type Principal, type RoleName } from "./permissions";
import { SESSION_TTL_SECONDS, clearSessionCookie, readSessionId } from "./session-cookie";
import type { RequestMeta } from "./request-meta";

export interface CurrentSession extends Principal {
  sessionId: string;
  userId: string;
  email: string;
  name: string;
  role: RoleName;
  permissions: PermissionCode[];
  organization: { id: string; name: string; plan: "FREE" | "STANDARD" | "PROFESSIONAL" };
}

/** Records a new session and returns its id, which the caller seals into the cookie. */
export async function createSession(userId: string, meta: Pick<RequestMeta, "ip" | "userAgent">): Promise<string> {
  const id = randomBytes(32).toString("base64url");
  await db.session.create({
    data: {
      id,
      userId,
      expiresAt: new Date(Date.now() + SESSION_TTL_SECONDS * 1000),
      ip: meta.ip,
      userAgent: meta.userAgent,
    },
  });
  return id;
}

/**
 * The signed-in admin for this request, or null. Re-reads the user every
 * request, so a demoted, deactivated or deleted admin loses access at once.
 */
export const getCurrentSession = cache(async (): Promise<CurrentSession | null> => {
  const sessionId = await readSessionId();
  return sessionId ? loadSession(sessionId) : null;
});

/** The admin behind a session id, or null when it expired, was ended, or lost admin access. */
export async function loadSession(sessionId: string): Promise<CurrentSession | null> {
  const row = await db.session.findUnique({
    where: { id: sessionId },
    select: {
      expiresAt: true,
      user: {
        select: {
          id: true,
          email: true,
          firstName: true,
          lastName: true,
          displayName: true,
          status: true,
          role: true,
          permissions: true,
          organization: { select: { id: true, name: true, plan: true } },
        },
      },
    },
  });
  if (!row || row.expiresAt <= new Date()) return null;
  const { user } = row;
  if (user.status !== "ACTIVE" || !user.role || !hasAdminAccess(user)) return null;
  return {
    sessionId,
    userId: user.id,
    email: user.email,
    name: user.displayName || `${user.firstName} ${user.lastName}`.trim(),
    role: user.role,
    permissions: user.permissions,
    organization: user.organization,
  };
}

export async function endSession(sessionId: string | null): Promise<void> {
  if (sessionId) await db.session.deleteMany({ where: { id: sessionId } });
  await clearSessionCookie();
}
