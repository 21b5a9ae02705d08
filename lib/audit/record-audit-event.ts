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
  const row = toRow(event);
  await tx.auditEvent.create({ data: { ...row, changes: (row.changes ?? undefined) as Prisma.InputJsonValue | undefined } });
}

/** An event as the columns of `audit_events`, in Prisma's field names. */
function toRow(event: AuditEventInput) {
  return {
    organizationId: event.organizationId,
    actorId: event.actor.id,
    actorLabel: event.actor.label,
    action: event.action,
    targetType: event.target.type,
    targetId: event.target.id ?? null,
    targetLabel: event.target.label ?? null,
    changes: event.changes ?? null,
    ip: event.ip ?? null,
  };
}

/** The last stamp given by `recordAuditEvents`, so that a later call never stamps an earlier (or the same) millisecond. */
let lastStamp = 0;

/**
 * Records many events in one statement whose only parameters are the events as
 * JSON (the bulk form of `recordAuditEvent`, for imports): the same rows, at a
 * fraction of the cost of one Prisma call each. Each call stamps its events a
 * millisecond after the previous call's, so a person's history lists events
 * written by successive calls (created, then assigned) in that order.
 */
export async function recordAuditEvents(tx: Tx, events: readonly AuditEventInput[]): Promise<void> {
  if (events.length === 0) return;
  lastStamp = Math.max(Date.now(), lastStamp + 1);
  const rows = events.map(toRow);
  await tx.$executeRaw`
    INSERT INTO audit_events (id, organization_id, actor_id, actor_label, action, target_type, target_id, target_label, changes, ip, created_at)
    SELECT gen_random_uuid(), e."organizationId", e."actorId", e."actorLabel", e.action, e."targetType", e."targetId", e."targetLabel", e.changes, e.ip, ${new Date(lastStamp)}::timestamptz
    FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS e(
      "organizationId" uuid, "actorId" uuid, "actorLabel" text, action text, "targetType" text, "targetId" text, "targetLabel" text, changes jsonb, ip text
    )`;
}

/** `{ field: { from, to } }` for the fields whose values differ. */
export function diffFields<T extends Record<string, unknown>>(before: T, after: Partial<T>): Record<string, { from: unknown; to: unknown }> {
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  for (const [field, to] of Object.entries(after)) {
    if (to !== undefined && before[field] !== to) changes[field] = { from: before[field] ?? null, to };
  }
  return changes;
}
