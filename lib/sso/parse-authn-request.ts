import "server-only";
import { db } from "../db";
import { readAuthnRequest, UnreadableAuthnRequest, type AuthnRequestBinding } from "./read-authn-request";
import { SamlError } from "./saml-error";
import { SAML_SETTINGS_SELECT, toSamlSettings } from "./saml-settings";

/** An AuthnRequest older than this is refused (its ID may no longer be in the replay table). */
export const REQUEST_MAX_AGE_MS = 5 * 60 * 1000;
/** How far the app's clock may run ahead of or behind Roster's. */
export const REQUEST_CLOCK_SKEW_MS = 3 * 60 * 1000;
/** How long a seen request ID is kept: longer than any IssueInstant still accepted, so a replay is always caught. */
export const REPLAY_WINDOW_MS = REQUEST_MAX_AGE_MS + 2 * REQUEST_CLOCK_SKEW_MS;
/** RelayState is opaque to Roster; SAML asks apps to keep it to 80 bytes, some send more. */
const MAX_RELAY_STATE_LENGTH = 2048;
const HTTP_POST_BINDING = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST";

export interface AuthnRequestParams {
  SAMLRequest?: string | null;
  RelayState?: string | null;
}

export interface ParsedAuthnRequest {
  appId: string;
  /** The request's ID: pass it to issueResponse as `inResponseTo`. */
  requestId: string;
  issuer: string;
  /** Where the response goes: always the configured ACS URL. */
  acsUrl: string;
  relayState: string | null;
  /** The app asks that the person sign in again, even with a Roster session. */
  forceAuthn: boolean;
}

const quoted = (value: string) => `“${value.length > 200 ? `${value.slice(0, 200)}…` : value}”`;

/**
 * Reads an SP-initiated AuthnRequest for the app (HTTP-Redirect or HTTP-POST) and accepts it only when its
 * Issuer is the app's Entity ID, its ACS URL (when it names one) is the configured one, it is recent, and its
 * ID was never seen before; the ID is then recorded, so the same request cannot be answered twice. With
 * `ssoUrl` (the address it was received at, from saml-urls.ts), a request whose Destination names another
 * address is refused too.
 * Every refusal is a SamlError with a sentence for the person and their administrator.
 */
export async function parseAuthnRequest(
  appId: string,
  binding: AuthnRequestBinding,
  params: AuthnRequestParams,
  options: { now?: Date; ssoUrl?: string } = {},
): Promise<ParsedAuthnRequest> {
  const now = options.now ?? new Date();
  const app = await db.app.findUnique({ where: { id: appId }, select: { id: true, name: true, samlSettings: { select: SAML_SETTINGS_SELECT } } });
  if (!app)
    throw new SamlError("app_not_found", "This sign-in link points to an app that is no longer in Roster. Ask your Roster administrator for the right link.");
  const settings = app.samlSettings ? toSamlSettings(app.samlSettings) : null;
  if (!settings?.enabled) {
    throw new SamlError("sso_not_enabled", `Single sign-on is not switched on for ${app.name} in Roster. Ask your Roster administrator to set it up.`);
  }
  const checkSettings = `Ask your Roster administrator to compare the Entity ID and ACS URL in the app's Single sign-on tab with what ${app.name} shows.`;

  let request;
  try {
    request = readAuthnRequest(binding, params.SAMLRequest ?? "");
  } catch (error) {
    if (!(error instanceof UnreadableAuthnRequest)) throw error;
    throw new SamlError("malformed_request", `Roster could not read the sign-in request from ${app.name}: ${error.message} Try signing in again from the app.`);
  }
  const relayState = params.RelayState ?? null;
  if (relayState !== null && relayState.length > MAX_RELAY_STATE_LENGTH) {
    throw new SamlError(
      "malformed_request",
      `The sign-in request from ${app.name} carries a RelayState longer than ${MAX_RELAY_STATE_LENGTH} characters. Try signing in again from the app.`,
    );
  }
  if (request.issuer !== settings.spEntityId) {
    throw new SamlError(
      "unknown_issuer",
      `The sign-in request names itself ${quoted(request.issuer)}, but ${app.name} is set up in Roster with the Entity ID ${quoted(settings.spEntityId)}. ${checkSettings}`,
    );
  }
  if (request.assertionConsumerServiceUrl !== null && request.assertionConsumerServiceUrl !== settings.acsUrl) {
    throw new SamlError(
      "wrong_acs_url",
      `The sign-in request asks Roster to send you to ${quoted(request.assertionConsumerServiceUrl)}, which is not the ACS URL set up for ${app.name} (${quoted(settings.acsUrl)}). Roster only sends sign-ins to the configured address. ${checkSettings}`,
    );
  }
  if (request.protocolBinding !== null && request.protocolBinding !== HTTP_POST_BINDING) {
    throw new SamlError(
      "unsupported_binding",
      `${app.name} asks for the sign-in by ${quoted(request.protocolBinding)}; Roster sends it by HTTP-POST only. Ask your Roster administrator to set ${app.name} to HTTP-POST.`,
    );
  }
  if (options.ssoUrl && request.destination !== null && request.destination !== options.ssoUrl) {
    throw new SamlError(
      "wrong_destination",
      `The sign-in request from ${app.name} was meant for ${quoted(request.destination)}, not for this Roster address (${quoted(options.ssoUrl)}). Ask your Roster administrator to give ${app.name} the SSO URL shown in the app's Single sign-on tab.`,
    );
  }
  const age = now.getTime() - request.issueInstant.getTime();
  if (age > REQUEST_MAX_AGE_MS + REQUEST_CLOCK_SKEW_MS || age < -REQUEST_CLOCK_SKEW_MS) {
    throw new SamlError(
      "stale_request",
      `The sign-in request from ${app.name} is dated ${request.issueInstant.toISOString()}, too far from Roster's time (${now.toISOString()}). Try signing in again from the app; if it keeps happening, one of the two clocks is wrong.`,
    );
  }

  await pruneSeenRequests(now);
  const inserted = await db.$executeRaw`
    INSERT INTO saml_requests_seen (app_id, request_id, expires_at)
    VALUES (${app.id}::uuid, ${request.id}, ${new Date(now.getTime() + REPLAY_WINDOW_MS)})
    ON CONFLICT DO NOTHING`;
  if (inserted === 0) {
    throw new SamlError(
      "replayed_request",
      `This sign-in request from ${app.name} was already used. Go back to ${app.name} and sign in again: it will send a new one.`,
    );
  }
  return { appId: app.id, requestId: request.id, issuer: request.issuer, acsUrl: settings.acsUrl, relayState, forceAuthn: request.forceAuthn };
}

/**
 * Deletes seen request IDs past their window, a batch at a time; rows another request is already deleting
 * are skipped rather than waited for, so concurrent sign-ins never queue behind each other here.
 */
export async function pruneSeenRequests(now = new Date()): Promise<number> {
  return db.$executeRaw`
    DELETE FROM saml_requests_seen WHERE ctid IN (
      SELECT ctid FROM saml_requests_seen WHERE expires_at <= ${now} LIMIT 500 FOR UPDATE SKIP LOCKED
    )`;
}
