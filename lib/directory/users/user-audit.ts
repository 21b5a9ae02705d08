import "server-only";
import type { Tx } from "../../db";
import { recordAuditEvent, recordAuditEvents, type Actor } from "../../audit/record-audit-event";
import { markForReconcile } from "../../queue/mark-for-reconcile";

export interface UserWriteContext {
  organizationId: string;
  actor: Actor;
  ip?: string | null;
}

export type AuditChanges = Record<string, { from: unknown; to: unknown }>;

export function displayLabel(user: { firstName: string; lastName: string; email: string }): string {
  return `${user.firstName} ${user.lastName} <${user.email}>`;
}

/**
 * What every write to people ends with, in the writing transaction: the audit
 * event, and the reconcile mark for each app the people are assigned to.
 */
export async function recordUserChange(
  tx: Tx,
  context: UserWriteContext,
  user: { id: string; firstName: string; lastName: string; email: string },
  action: string,
  changes?: AuditChanges,
): Promise<void> {
  await recordAuditEvent(tx, userEvent(context, user, action, changes));
}

/** The same events as `recordUserChange`, for many people in one statement (bulk writes such as an import). */
export async function recordUserChanges(
  tx: Tx,
  context: UserWriteContext,
  changes: readonly { user: { id: string; firstName: string; lastName: string; email: string }; action: string; changes?: AuditChanges }[],
): Promise<void> {
  await recordAuditEvents(
    tx,
    changes.map((change) => userEvent(context, change.user, change.action, change.changes)),
  );
}

function userEvent(
  context: UserWriteContext,
  user: { id: string; firstName: string; lastName: string; email: string },
  action: string,
  changes?: AuditChanges,
) {
  return {
    organizationId: context.organizationId,
    actor: context.actor,
    action,
    target: { type: "user", id: user.id, label: displayLabel(user) },
    changes,
    ip: context.ip,
  };
}

/** The apps these people are assigned to, and the reconcile marks for those pairs. */
export async function markUsersForReconcile(tx: Tx, userIds: readonly string[]): Promise<void> {
  if (userIds.length === 0) return;
  const rows = await tx.assignment.findMany({ where: { userId: { in: [...userIds] } }, select: { appId: true }, distinct: ["appId"] });
  await markForReconcile(
    tx,
    rows.map((row) => row.appId),
    userIds,
  );
}
