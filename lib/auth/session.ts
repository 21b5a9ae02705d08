import "server-only";
import { randomBytes } from "node:crypto";
import { cache } from "react";
import { db } from "../db";
import { hasAdminAccess, type PermissionCode, type Principal, type RoleName } from "./permissions";
import { SESSION_TTL_SECONDS, clearSessionCookie, readSessionId } from "./session-cookie";
import type { RequestMeta } from "./request-meta";

/** Any active person signed in to Roster: an admin, a Member, or a directory person without a role. */
export interface PersonSession extends Principal {
  sessionId: string;
  userId: string;
  email: string;
  name: string;
  role: RoleName | null;
  permissions: PermissionCode[];
  /** Whether this person may open the admin panel at all (an Owner or an Admin). */
  adminAccess: boolean;
  organization: { id: string; name: string; plan: "FREE" | "STANDARD" | "PROFESSIONAL" };
}

/** A signed-in admin (Owner or Admin): what the admin panel works with. */
export interface CurrentSession extends PersonSession {
  role: RoleName;
}

/** How long a sign-in may wait on its second step (the code, or setting up an authenticator). */
const PENDING_TTL_SECONDS = 15 * 60;

/**
 * Records a new session and returns its id, which the caller seals into the cookie. With `pendingStep` the
 * session signs nobody in yet: it only lets the person finish that step, for 15 minutes.
 */
export async function createSession(userId: string, meta: Pick<RequestMeta, "ip" | "userAgent">, pendingStep: SignInStepName | null = null): Promise<string> {
  const id = randomBytes(32).toString("base64url");
  await db.session.create({
    data: {
      id,
      userId,
      expiresAt: new Date(Date.now() + (pendingStep ? PENDING_TTL_SECONDS : SESSION_TTL_SECONDS) * 1000),
      ip: meta.ip,
      userAgent: meta.userAgent,
      pendingStep,
    },
  });
  return id;
}

export type SignInStepName = "CODE" | "ENROL";

export interface PendingSignIn {
  sessionId: string;
  userId: string;
  email: string;
  name: string;
  step: SignInStepName;
  organizationId: string;
}

/** The sign-in waiting on a second step behind a session id, or null. */
export async function loadPendingSignIn(sessionId: string): Promise<PendingSignIn | null> {
  const row = await db.session.findUnique({
    where: { id: sessionId },
    select: {
      expiresAt: true,
      pendingStep: true,
      user: { select: { id: true, email: true, firstName: true, lastName: true, displayName: true, status: true, organizationId: true } },
    },
  });
  if (!row?.pendingStep || row.expiresAt <= new Date() || row.user.status !== "ACTIVE") return null;
  const { user } = row;
  return {
    sessionId,
    userId: user.id,
    email: user.email,
    name: user.displayName || `${user.firstName} ${user.lastName}`.trim(),
    step: row.pendingStep,
    organizationId: user.organizationId,
  };
}

export const getPendingSignIn = cache(async (): Promise<PendingSignIn | null> => {
  const sessionId = await readSessionId();
  return sessionId ? loadPendingSignIn(sessionId) : null;
});

/** Ends the pending session and starts a full one under a new id (so the half-way id is worth nothing after). */
export async function completeSignIn(pending: PendingSignIn, meta: Pick<RequestMeta, "ip" | "userAgent">): Promise<string> {
  await db.session.deleteMany({ where: { id: pending.sessionId } });
  return createSession(pending.userId, meta);
}

/**
 * The signed-in admin for this request, or null (also for a signed-in person without admin access). Re-reads the
 * user every request, so a demoted, deactivated or deleted admin loses access at once.
 */
export const getCurrentSession = cache(async (): Promise<CurrentSession | null> => {
  const session = await getCurrentPersonSession();
  return session && isAdminSession(session) ? session : null;
});

/** The signed-in person for this request, admin or not, or null. Re-read every request like the admin's. */
export const getCurrentPersonSession = cache(async (): Promise<PersonSession | null> => {
  const sessionId = await readSessionId();
  return sessionId ? loadPersonSession(sessionId) : null;
});

function isAdminSession(session: PersonSession): session is CurrentSession {
  return session.adminAccess && session.role !== null;
}

/** The admin behind a session id, or null when it expired, was ended, or lost admin access. */
export async function loadSession(sessionId: string): Promise<CurrentSession | null> {
  const session = await loadPersonSession(sessionId);
  return session && isAdminSession(session) ? session : null;
}

/** The active person behind a session id, or null when it expired, was ended, or they were deactivated or deleted. */
export async function loadPersonSession(sessionId: string): Promise<PersonSession | null> {
  const row = await db.session.findUnique({
    where: { id: sessionId },
    select: {
      expiresAt: true,
      pendingStep: true,
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
  if (!row || row.pendingStep || row.expiresAt <= new Date()) return null;
  const { user } = row;
  if (user.status !== "ACTIVE") return null;
  return {
    sessionId,
    userId: user.id,
    email: user.email,
    name: user.displayName || `${user.firstName} ${user.lastName}`.trim(),
    role: user.role,
    permissions: user.permissions,
    adminAccess: hasAdminAccess(user),
    organization: user.organization,
  };
}

export async function endSession(sessionId: string | null): Promise<void> {
  if (sessionId) await db.session.deleteMany({ where: { id: sessionId } });
  await clearSessionCookie();
}
