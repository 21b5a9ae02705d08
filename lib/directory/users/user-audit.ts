import "server-only";
import type { Tx } from "../../db";
import { recordAuditEvent, recordAuditEvents, type Actor } from "../../audit/record-audit-event";
import { markPairsForReconcile } from "../../queue/mark-for-reconcile";
import { pairsInScope } from "../assignments/scope-sources";

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

/** Marks for reconcile every (app, person) pair of these people that is in scope, directly or through a group. */
export async function markUsersForReconcile(tx: Tx, userIds: readonly string[]): Promise<void> {
  await markPairsForReconcile(tx, await pairsInScope(tx, userIds));
}
