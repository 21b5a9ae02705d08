import "server-only";
import { recordAuditEvent } from "../audit/record-audit-event";
import { db } from "../db";
import type { RequestMeta } from "./request-meta";
import { endSession, type PersonSession } from "./session";

/** Ends the session (if any) and records `auth.signed_out` for the person it belonged to. */
export async function signOut(session: PersonSession | null, meta: Pick<RequestMeta, "ip">): Promise<void> {
  if (session) {
    await recordAuditEvent(db, {
      organizationId: session.organization.id,
      actor: { id: session.userId, label: session.email },
      action: "auth.signed_out",
      target: { type: "user", id: session.userId, label: session.email },
      ip: meta.ip,
    });
  }
  await endSession(session?.sessionId ?? null);
}
