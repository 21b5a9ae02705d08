import "server-only";
import { z } from "zod";
import { db } from "../db";

export const AUDIT_PAGE_SIZE = 25;

export interface AuditCursor {
  createdAt: string;
  id: string;
}

export function encodeAuditCursor(cursor: AuditCursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString("base64url");
}

const auditCursor = z.object({ createdAt: z.iso.datetime(), id: z.guid() });

/** A cursor the log did not make (edited, truncated) is ignored: the log starts at its newest page. */
export function decodeAuditCursor(value: string | undefined | null): AuditCursor | null {
  if (!value) return null;
  try {
    const parsed = auditCursor.safeParse(JSON.parse(Buffer.from(value, "base64url").toString("utf8")));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/**
 * One page of the organization's audit events, newest first, with keyset
 * paging on (createdAt, id) so a deep page costs the same as the first.
 */
export async function listAuditEvents(organizationId: string, cursor: AuditCursor | null, pageSize = AUDIT_PAGE_SIZE) {
  const after = cursor
    ? {
        OR: [{ createdAt: { lt: new Date(cursor.createdAt) } }, { createdAt: new Date(cursor.createdAt), id: { lt: cursor.id } }],
      }
    : {};
  const rows = await db.auditEvent.findMany({
    where: { organizationId, ...after },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: pageSize + 1,
    select: {
      id: true,
      createdAt: true,
      actorLabel: true,
      action: true,
      targetType: true,
      targetLabel: true,
      changes: true,
      ip: true,
    },
  });
  const page = rows.slice(0, pageSize);
  const last = page.at(-1);
  const total = await db.auditEvent.count({ where: { organizationId } });
  return {
    events: page,
    total,
    nextCursor: rows.length > pageSize && last ? encodeAuditCursor({ createdAt: last.createdAt.toISOString(), id: last.id }) : null,
  };
}
