import "server-only";
import { db } from "../../db";
import type { PermissionCode } from "../../auth/permissions";
import { buildUserWhere } from "../users/list-users";

export interface AdminRow {
  id: string;
  name: string;
  email: string;
  role: "OWNER" | "ADMIN";
  permissions: PermissionCode[];
  status: "ACTIVE" | "INACTIVE";
  /** Whether they have a password (else they need an invite link to sign in). */
  hasPassword: boolean;
  lastSignInAt: Date | null;
  /** Their unused, unexpired invite or reset link, if any. */
  pendingLink: { purpose: "INVITE" | "RESET"; expiresAt: Date } | null;
}

/** More than any organization has admins; the page says so if it is ever reached. */
export const ADMINS_LIMIT = 500;

/**
 * Everyone with admin access (Owners first, then Admins, by name), with what the Admins page shows about them.
 * The password hash is never read: whether one exists is a separate query on ids.
 */
export async function listAdmins(organizationId: string, now = new Date()): Promise<AdminRow[]> {
  const where = { organizationId, role: { in: ["OWNER" as const, "ADMIN" as const] } };
  const people = await db.user.findMany({
    where,
    orderBy: [{ role: "asc" }, { lastName: "asc" }, { firstName: "asc" }, { id: "asc" }],
    take: ADMINS_LIMIT,
    select: { id: true, firstName: true, lastName: true, displayName: true, email: true, role: true, permissions: true, status: true },
  });
  const ids = people.map((person) => person.id);
  const [withPassword, signIns, links] = await Promise.all([
    db.user.findMany({ where: { ...where, id: { in: ids }, passwordHash: { not: null } }, select: { id: true } }),
    db.auditEvent.groupBy({
      by: ["targetId"],
      where: { organizationId, action: "auth.signed_in", targetType: "user", targetId: { in: ids } },
      _max: { createdAt: true },
    }),
    db.passwordLink.findMany({
      where: { organizationId, userId: { in: ids }, usedAt: null, expiresAt: { gt: now } },
      select: { userId: true, purpose: true, expiresAt: true },
      orderBy: { createdAt: "desc" },
    }),
  ]);
  const hasPassword = new Set(withPassword.map((row) => row.id));
  const lastSignIn = new Map(signIns.map((row) => [row.targetId, row._max.createdAt]));
  const pending = new Map<string, { purpose: "INVITE" | "RESET"; expiresAt: Date }>();
  for (const link of links) if (!pending.has(link.userId)) pending.set(link.userId, { purpose: link.purpose, expiresAt: link.expiresAt });
  return people.map((person) => ({
    id: person.id,
    name: person.displayName || `${person.firstName} ${person.lastName}`.trim(),
    email: person.email,
    role: person.role as "OWNER" | "ADMIN",
    permissions: person.permissions,
    status: person.status,
    hasPassword: hasPassword.has(person.id),
    lastSignInAt: lastSignIn.get(person.id) ?? null,
    pendingLink: pending.get(person.id) ?? null,
  }));
}

/** "Add admin"'s search: active people without admin access whose name or e-mail contains the text. */
export async function searchAdminCandidates(organizationId: string, q: string, limit = 10) {
  const rows = await db.user.findMany({
    where: {
      ...buildUserWhere(organizationId, { q, status: "ACTIVE" }),
      OR: [{ role: null }, { role: "MEMBER" }],
    },
    orderBy: [{ lastName: "asc" }, { firstName: "asc" }, { id: "asc" }],
    take: limit,
    select: { id: true, firstName: true, lastName: true, displayName: true, email: true },
  });
  return rows.map((row) => ({ id: row.id, name: row.displayName || `${row.firstName} ${row.lastName}`.trim(), email: row.email }));
}
