import "server-only";
import type { CurrentSession } from "../../auth/session";
import type { UserWriteContext } from "./user-audit";

/** Who is writing, for the audit trail and the rules about acting on Owners and oneself. */
export function writeContextFor(session: CurrentSession, ip: string | null): UserWriteContext & { actorRole: string } {
  return { organizationId: session.organization.id, actor: { id: session.userId, label: session.email }, ip, actorRole: session.role };
}
