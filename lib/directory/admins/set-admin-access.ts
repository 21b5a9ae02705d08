import "server-only";
import { AppError } from "../../app-error";
import { db, type Tx } from "../../db";
import type { PermissionCode } from "../../auth/permissions";
import { PERMISSION_CODES, type AdminAccessInput } from "../schemas/admin";
import { lockOwnerRule } from "../users/owner-rules";
import { recordUserChange, type UserWriteContext } from "../users/user-audit";

/** What `setAdminAccess` did, as the audit event names it. */
export type AdminAccessAction = "admin.granted" | "admin.permissions_changed" | "owner.added" | "owner.stepped_down";

interface Target {
  id: string;
  firstName: string;
  lastName: string;
  email: string;
  role: "OWNER" | "ADMIN" | "MEMBER" | null;
  permissions: PermissionCode[];
  status: "ACTIVE" | "INACTIVE";
}

/**
 * Takes the Owner lock (every active Owner's row, `FOR UPDATE`, in id order: see owner-rules.ts), then the
 * target's row. The actor must be an active Owner now, read under that lock, not what their session said.
 */
async function lockForAccessChange(tx: Tx, userId: string, context: UserWriteContext) {
  const rule = await lockOwnerRule(tx, context.organizationId, context.actor.id);
  const [actor] = await tx.$queryRaw<{ id: string }[]>`
    SELECT id::text FROM users
    WHERE id = ${context.actor.id}::uuid AND organization_id = ${context.organizationId}::uuid AND role = 'OWNER' AND status = 'ACTIVE'`;
  if (!actor) throw new AppError("forbidden", "Only an Owner can change who has admin access.");
  const [target] = await tx.$queryRaw<Target[]>`
    SELECT id::text, first_name AS "firstName", last_name AS "lastName", email, role::text AS role,
           permissions::text[] AS permissions, status::text AS status
    FROM users WHERE id = ${userId}::uuid AND organization_id = ${context.organizationId}::uuid
    FOR UPDATE`;
  if (!target) throw new AppError("not_found", "This person is no longer in the directory.");
  return { rule, target };
}

const nameOf = (target: Target) => `${target.firstName} ${target.lastName}`.trim();
const hadAccess = (target: Target) => target.role === "OWNER" || target.role === "ADMIN";
/** The permissions in the one order every list uses, so that comparing and the audit trail read the same. */
const ordered = (permissions: readonly PermissionCode[]) => PERMISSION_CODES.filter((code) => permissions.includes(code));

/**
 * Makes a person an Admin with these permissions or an Owner; changes an Admin's permissions; makes an Admin an
 * Owner or steps an Owner down to Admin. The last active Owner is never stepped down (the Owner rule, under its
 * lock). An inactive person is never given admin access. Recorded in the same transaction. Sessions need no
 * change: each request reads the role again.
 */
export async function setAdminAccess(input: AdminAccessInput, context: UserWriteContext): Promise<{ action: AdminAccessAction | null }> {
  return db.$transaction(async (tx) => {
    const { rule, target } = await lockForAccessChange(tx, input.userId, context);
    const permissions = input.role === "OWNER" ? [] : ordered(input.permissions);
    const gainsAccess = !hadAccess(target) || (input.role === "OWNER" && target.role !== "OWNER");
    if (target.status !== "ACTIVE" && gainsAccess) {
      throw new AppError("conflict", `${nameOf(target)} is inactive. Activate them on their page first, then give them admin access.`);
    }
    const refusal = rule.refuse(target, { kind: "role", to: input.role });
    if (refusal) throw new AppError("conflict", refusal);

    const before = ordered(target.permissions);
    if (target.role === input.role && before.join() === permissions.join()) return { action: null };
    const action: AdminAccessAction =
      input.role === "OWNER"
        ? "owner.added"
        : target.role === "OWNER"
          ? "owner.stepped_down"
          : target.role === "ADMIN"
            ? "admin.permissions_changed"
            : "admin.granted";
    await tx.user.update({ where: { id: target.id }, data: { role: input.role, permissions }, select: { id: true } });
    await recordUserChange(tx, context, target, action, {
      ...(target.role !== input.role ? { role: { from: target.role, to: input.role } } : {}),
      ...(before.join() !== permissions.join() ? { permissions: { from: before, to: permissions } } : {}),
    });
    return { action };
  });
}

/**
 * Takes admin access away (role and permissions cleared), ends every session of theirs at once and voids their
 * unused invite or reset link, in one transaction with its audit event. Never the last active Owner.
 */
export async function revokeAdminAccess(userId: string, context: UserWriteContext): Promise<{ endedSessions: number }> {
  return db.$transaction(async (tx) => {
    const { rule, target } = await lockForAccessChange(tx, userId, context);
    if (!hadAccess(target)) throw new AppError("conflict", `${nameOf(target)} has no admin access to revoke.`);
    const refusal = rule.refuse(target, { kind: "role", to: null });
    if (refusal) throw new AppError("conflict", refusal);
    await tx.user.update({ where: { id: target.id }, data: { role: null, permissions: [] }, select: { id: true } });
    const { count } = await tx.session.deleteMany({ where: { userId: target.id } });
    await tx.passwordLink.updateMany({ where: { userId: target.id, usedAt: null, expiresAt: { gt: new Date() } }, data: { expiresAt: new Date() } });
    await recordUserChange(tx, context, target, "admin.revoked", {
      role: { from: target.role, to: null },
      ...(target.permissions.length > 0 ? { permissions: { from: ordered(target.permissions), to: [] } } : {}),
    });
    return { endedSessions: count };
  });
}
