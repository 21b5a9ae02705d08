import "server-only";
import { recordSignIn, type SignInReason } from "../audit/record-sign-in";
import { db } from "../db";
import { SamlError } from "./saml-error";

const REASONS: Partial<Record<SamlError["kind"], SignInReason>> = { person_inactive: "inactive", person_not_assigned: "not_assigned" };

/**
 * The sign-in log's line for a single sign-on to an app: succeeded when a response was issued, failed (with the
 * reason when the log has words for it) when Roster refused. Only for a person Roster knows, signed in to it.
 */
export async function recordSsoSignIn(event: {
  person: { id: string; label: string; organizationId: string };
  appId: string;
  ip: string | null;
  refusal?: unknown;
}): Promise<void> {
  const app = await db.app.findFirst({ where: { id: event.appId, organizationId: event.person.organizationId }, select: { id: true, name: true } });
  const refusal = event.refusal instanceof SamlError ? event.refusal : null;
  await recordSignIn(db, {
    organizationId: event.person.organizationId,
    person: { id: event.person.id, label: event.person.label },
    app: app ? { id: app.id, label: app.name } : null,
    outcome: event.refusal ? "FAILED" : "SUCCEEDED",
    reason: refusal ? (REASONS[refusal.kind] ?? null) : null,
    method: "single sign-on (SAML)",
    ip: event.ip,
  });
}
