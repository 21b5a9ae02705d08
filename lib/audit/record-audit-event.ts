import "server-only";
import type { Prisma } from "../generated/prisma/client";
import type { Tx } from "../db";

export interface Actor {
  id: string | null;
  label: string;
}

export interface AuditEventInput {
  organizationId: string;
  actor: Actor;
  /** `noun.verbed`, e.g. `organization.updated`, `auth.signed_in`. */
  action: string;
  target: { type: string; id?: string | null; label?: string | null };
  changes?: Record<string, { from: unknown; to: unknown }>;
  ip?: string | null;
}

/** Records who did what; call it with the same transaction client as the change. */
export async function recordAuditEvent(tx: Tx, event: AuditEventInput): Promise<void> {
  await tx.auditEvent.create({
    data: {
      organizationId: event.organizationId,
      actorId: event.actor.id,
      actorLabel: event.actor.label,
      action: event.action,
      targetType: event.target.type,
      targetId: event.target.id ?? null,
      targetLabel: event.target.label ?? null,
      changes: (event.changes ?? undefined) as Prisma.InputJsonValue | undefined,
      ip: event.ip ?? null,
    },
  });
}

/** `{ field: { from, to } }` for the fields whose values differ. */
export function diffFields<T extends Record<string, unknown>>(
  before: T,
  after: Partial<T>,
): Record<string, { from: unknown; to: unknown }> {
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  for (const [field, to] of Object.entries(after)) {
    if (to !== undefined && before[field] !== to) changes[field] = { from: before[field] ?? null, to };
  }
  return changes;
}
