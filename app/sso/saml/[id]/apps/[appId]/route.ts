import "server-only";
import { deflateRawSync } from "node:zlib";
import { getPublicBaseUrl, getRequestMeta } from "@/lib/auth/request-meta";
import { endSession, getCurrentPersonSession } from "@/lib/auth/session";
import { issueLoggedResponse } from "@/lib/sso/record-sso-sign-in";
import { sessionStartedAt } from "@/lib/auth/session-started-at";
import { parseAuthnRequest } from "@/lib/sso/parse-authn-request";
import { decodeAuthnRequest, readAuthnRequest, type AuthnRequestBinding } from "@/lib/sso/read-authn-request";
import { SamlError } from "@/lib/sso/saml-error";
import { ssoUrl } from "@/lib/sso/saml-urls";
import { findSsoApp } from "@/lib/sso/sso-app";
import { messageResponse, samlPostResponse, ssoFailureResponse } from "../../../sso-responses";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ id: string; appId: string }> };

/**
 * The app's SSO URL, where it sends people with an AuthnRequest (SP-initiated). Public: without a Roster
 * session the person is sent to the sign-in page, which brings them back here with the same request; with
 * one, the request is checked (issuer, ACS URL, destination, age, never seen before) and answered with a
 * signed response posted to the app's ACS URL.
 */
export async function GET(request: Request, { params }: Params) {
  const query = new URL(request.url).searchParams;
  return answer(await params, "redirect", query.get("SAMLRequest"), query.get("RelayState"));
}

/** The same, by HTTP-POST binding (the request in a form field). */
export async function POST(request: Request, { params }: Params) {
  const form = await request.formData().catch(() => null);
  const field = (name: string) => {
    const value = form?.get(name);
    return typeof value === "string" ? value : null;
  };
  return answer(await params, "post", field("SAMLRequest"), field("RelayState"));
}

async function answer(
  { id: organizationId, appId }: { id: string; appId: string },
  binding: AuthnRequestBinding,
  samlRequest: string | null,
  relayState: string | null,
) {
  try {
    const app = await findSsoApp(organizationId, appId);
    if (!app)
      throw new SamlError("app_not_found", "This sign-in address points to an app that is not in Roster. Ask your Roster administrator for the right link.");
    if (!samlRequest) {
      return messageResponse(
        400,
        "No sign-in request",
        `This address is where ${app.name} sends people to sign in, and it came without a sign-in request. Start from ${app.name}, or from your apps in Roster.`,
      );
    }
    const session = await getCurrentPersonSession();
    if (!session) return toSignIn(organizationId, appId, binding, samlRequest, relayState);

    const fields = readableFields(binding, samlRequest);
    if (fields?.forceAuthn) {
      // The app asks for a fresh sign-in: a session started before the request was made does not count.
      const startedAt = await sessionStartedAt(session.sessionId);
      if (!startedAt || startedAt < fields.issueInstant) {
        await endSession(session.sessionId);
        return toSignIn(organizationId, appId, binding, samlRequest, relayState);
      }
    }
    const baseUrl = await getPublicBaseUrl();
    const parsed = await parseAuthnRequest(
      app.id,
      binding,
      { SAMLRequest: samlRequest, RelayState: relayState },
      { ssoUrl: ssoUrl(baseUrl, organizationId, app.id) },
    );
    const person = { id: session.userId, label: session.email, organizationId: session.organization.id };
    const { ip } = await getRequestMeta();
    const form = await issueLoggedResponse(
      { appId: app.id, personId: session.userId, baseUrl, inResponseTo: parsed.requestId, relayState: parsed.relayState ?? undefined },
      person,
      ip,
    );
    return samlPostResponse(form);
  } catch (error) {
    return ssoFailureResponse(error, "the SSO URL");
  }
}

/** The request's fields when it can be read; an unreadable one is left to parseAuthnRequest to refuse in words. */
function readableFields(binding: AuthnRequestBinding, samlRequest: string) {
  try {
    return readAuthnRequest(binding, samlRequest);
  } catch {
    return null;
  }
}

/**
 * To the sign-in page, which returns here with the same request. A request that came by HTTP-POST returns as
 * an HTTP-Redirect one (deflated into the address), so the way back is a plain link; unreadable ones go as they came.
 */
function toSignIn(organizationId: string, appId: string, binding: AuthnRequestBinding, samlRequest: string, relayState: string | null): Response {
  let carried = samlRequest;
  if (binding === "post") {
    try {
      carried = deflateRawSync(Buffer.from(decodeAuthnRequest("post", samlRequest), "utf8")).toString("base64");
    } catch {
      carried = samlRequest;
    }
  }
  const back = new URLSearchParams({ SAMLRequest: carried });
  if (relayState !== null) back.set("RelayState", relayState);
  const next = `/sso/saml/${encodeURIComponent(organizationId)}/apps/${encodeURIComponent(appId)}?${back.toString()}`;
  return new Response(null, { status: 303, headers: { location: `/sign-in?${new URLSearchParams({ next }).toString()}`, "cache-control": "no-store" } });
}
