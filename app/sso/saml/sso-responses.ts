import "server-only";
import { randomUUID } from "node:crypto";
import { headers } from "next/headers";
import { createNonce, securityHeaders } from "@/lib/http/security-headers";
import { SamlError } from "@/lib/sso/saml-error";
import type { SamlPostForm } from "@/lib/sso/issue-response";
import { samlPostPage, ssoMessagePage } from "./sso-pages";

/**
 * The HTML answers of the single sign-on routes. proxy.ts leaves their Content-Security-Policy to them: each
 * response carries its own nonce, and the response page alone may post a form to the app's ACS URL origin.
 */
async function htmlResponse(render: (nonce: string) => string, status: number, formActionOrigins: string[] = []): Promise<Response> {
  const nonce = createNonce();
  const https = (await headers()).get("x-forwarded-proto") === "https";
  return new Response(render(nonce), {
    status,
    headers: {
      ...securityHeaders({ nonce, https, formActionOrigins }),
      "content-type": "text/html; charset=utf-8",
      "cache-control": "no-store",
      "referrer-policy": "no-referrer",
    },
  });
}

/** The auto-submitting form that carries the signed response to the app. */
export function samlPostResponse(form: SamlPostForm): Promise<Response> {
  return htmlResponse((nonce) => samlPostPage({ acsUrl: form.acsUrl, samlResponse: form.samlResponse, relayState: form.relayState, nonce }), 200, [
    new URL(form.acsUrl).origin,
  ]);
}

const REFUSAL_TITLES: Partial<Record<SamlError["kind"], string>> = {
  person_not_assigned: "This app is not assigned to you",
  person_inactive: "Your account is deactivated",
  person_not_found: "Roster does not know you for this app",
  sso_not_enabled: "Single sign-on is off for this app",
  app_not_found: "This app is not in Roster",
};

/** A refusal in plain words (never a stack), with the status the SamlError says. */
export function samlRefusalResponse(error: SamlError): Promise<Response> {
  return messageResponse(error.status, REFUSAL_TITLES[error.kind] ?? "Roster could not sign you in", error.message);
}

export function messageResponse(status: number, title: string, message: string, reference?: string): Promise<Response> {
  return htmlResponse(() => ssoMessagePage({ title, message, reference }), status);
}

/** SamlError as its page; anything else is logged with an id and answered with that id only. */
export function ssoFailureResponse(error: unknown, route: string): Promise<Response> {
  if (error instanceof SamlError) return samlRefusalResponse(error);
  const eventId = randomUUID();
  const detail = error instanceof Error ? `${error.name}: ${error.message}\n${error.stack ?? ""}` : String(error);
  console.error(JSON.stringify({ level: "error", eventId, message: `Single sign-on failed at ${route}`, error: detail }));
  return messageResponse(
    500,
    "Roster could not sign you in",
    "Something went wrong on our side. Try again in a moment; if it keeps happening, give your Roster administrator this reference.",
    eventId,
  );
}
