import "server-only";
import { recordSignIn, type SignInReason } from "../audit/record-sign-in";
import { db } from "../db";
import { issueResponse, type IssueResponseInput, type SamlPostForm } from "./issue-response";
import { SamlError, type SsoAppRef } from "./saml-error";

const REASONS: Partial<Record<SamlError["kind"], SignInReason>> = { person_inactive: "inactive", person_not_assigned: "not_assigned" };

/**
 * The sign-in log's line for a single sign-on to an app: succeeded when a response was issued, failed (with the
 * reason when the log has words for it) when Roster refused. Only for a person Roster knows, signed in to it.
 */
export async function recordSsoSignIn(event: {
  person: { id: string; label: string; organizationId: string };
  /** The app as issueResponse found it (on its form, or on its SamlError); named only when it is the person's organization's. */
  app: SsoAppRef | null | undefined;
  ip: string | null;
  refusal?: unknown;
}): Promise<void> {
  const app = event.app?.organizationId === event.person.organizationId ? event.app : null;
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

/**
 * A signed response for the person, with its sign-in log line: succeeded when issued, failed (with the reason)
 * when Roster refused. What every single sign-on endpoint answers with.
 */
export async function issueLoggedResponse(
  input: IssueResponseInput,
  person: { id: string; label: string; organizationId: string },
  ip: string | null,
): Promise<SamlPostForm> {
  try {
    const form = await issueResponse(input);
    await recordSsoSignIn({ person, app: form.app, ip });
    return form;
  } catch (error) {
    if (error instanceof SamlError) await recordSsoSignIn({ person, app: error.app, ip, refusal: error });
    throw error;
  }
}
