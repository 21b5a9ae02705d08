import "server-only";
import type { CurrentSession } from "../../auth/session";
import type { UserWriteContext } from "./user-audit";

/**
 * Who is writing, for the audit trail and the rules about acting on oneself.
 * The Owner rule reads the actor's role again inside the writing transaction
 * (`owner-rules.ts`), not from the session, which may be minutes old.
 */
export function writeContextFor(session: CurrentSession, ip: string | null): UserWriteContext {
  return { organizationId: session.organization.id, actor: { id: session.userId, label: session.email }, ip };
}
