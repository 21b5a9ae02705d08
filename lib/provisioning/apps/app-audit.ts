import "server-only";
import type { Tx } from "../../db";
import { recordAuditEvent, type Actor } from "../../audit/record-audit-event";

export interface AppWriteContext {
  organizationId: string;
  actor: Actor;
  ip?: string | null;
}

export async function recordAppChange(
  tx: Tx,
  context: AppWriteContext,
  app: { id: string; name: string },
  action: string,
  changes?: Record<string, { from: unknown; to: unknown }>,
): Promise<void> {
  await recordAuditEvent(tx, {
    organizationId: context.organizationId,
    actor: context.actor,
    action,
    target: { type: "app", id: app.id, label: app.name },
    changes,
    ip: context.ip,
  });
}
