/**
 * A small SAML service provider for the single sign-on journeys: a node:http server on loopback whose ACS URL
 * validates what Roster posts with @node-saml/node-saml (independent of the library Roster signs with), trusting
 * only the certificate Roster publishes. It records every sign-in it accepts or refuses and answers the browser
 * with a page that says which.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { SAML, ValidateInResponseTo, type CacheProvider, type SamlConfig } from "@node-saml/node-saml";

export interface ReceivedSignIn {
  accepted: boolean;
  nameId: string | null;
  inResponseTo: string | null;
  relayState: string | null;
  error: string | null;
  /** The assertion's attribute statements, by name. */
  attributes: Record<string, unknown>;
}

export interface ServiceProvider {
  entityId: string;
  acsUrl: string;
  received: ReceivedSignIn[];
  /** Trusts Roster's IdP: its Entity ID, SSO URL and signing certificate (PEM). */
  trust(idp: { entityId: string; ssoUrl: string; certificatePem: string }): void;
  /** An SP-initiated sign-in: the address (Roster's SSO URL with the AuthnRequest) and the request's ID. */
  authnRequestUrl(relayState: string, options?: { forceAuthn?: boolean }): Promise<{ url: string; requestId: string }>;
  close(): Promise<void>;
}

export async function startServiceProvider(): Promise<ServiceProvider> {
  const received: ReceivedSignIn[] = [];
  let config: SamlConfig | null = null;
  let saml: SAML | null = null;
  // The request IDs this SP issued, shared by its requesters so that any of them can match an InResponseTo.
  const issued = new Map<string, string>();
  const cacheProvider: CacheProvider = {
    saveAsync: async (key, value) => (issued.set(key, value), { value, createdAt: Date.now() }),
    getAsync: async (key) => issued.get(key) ?? null,
    removeAsync: async (key) => {
      const value = key === null ? null : (issued.get(key) ?? null);
      if (key !== null) issued.delete(key);
      return value;
    },
  };
  const server: Server = createServer(async (request, response) => {
    if (request.method !== "POST" || request.url !== "/acs") {
      response.writeHead(404).end("Not found");
      return;
    }
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const form = new URLSearchParams(Buffer.concat(chunks).toString("utf8"));
    const samlResponse = form.get("SAMLResponse") ?? "";
    const relayState = form.get("RelayState");
    const inResponseTo = /InResponseTo="([^"]+)"/.exec(Buffer.from(samlResponse, "base64").toString("utf8"))?.[1] ?? null;
    try {
      if (!saml) throw new Error("The test service provider trusts no identity provider yet.");
      const { profile } = await saml.validatePostResponseAsync({ SAMLResponse: samlResponse });
      received.push({
        accepted: true,
        nameId: profile?.nameID ?? null,
        inResponseTo,
        relayState,
        error: null,
        attributes: (profile?.attributes as Record<string, unknown> | undefined) ?? {},
      });
      response.writeHead(200, { "content-type": "text/html; charset=utf-8" });
      response.end(`<!DOCTYPE html><html lang="en"><title>Test app</title><h1>Test app: signed in</h1><p id="who">${escape(profile?.nameID ?? "")}</p></html>`);
    } catch (error) {
      received.push({ accepted: false, nameId: null, inResponseTo, relayState, error: (error as Error).message, attributes: {} });
      response.writeHead(403, { "content-type": "text/html; charset=utf-8" });
      response.end(`<!DOCTYPE html><html lang="en"><title>Test app</title><h1>Test app: sign-in refused</h1><p>${escape((error as Error).message)}</p></html>`);
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const entityId = `${origin}/saml/metadata`;
  const acsUrl = `${origin}/acs`;
  return {
    entityId,
    acsUrl,
    received,
    trust(idp) {
      config = {
        callbackUrl: acsUrl,
        issuer: entityId,
        audience: entityId,
        idpCert: idp.certificatePem,
        idpIssuer: idp.entityId,
        entryPoint: idp.ssoUrl,
        identifierFormat: "urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress",
        wantAssertionsSigned: true,
        wantAuthnResponseSigned: true,
        // IdP-initiated responses carry none; SP-initiated ones must match a request this SP made.
        validateInResponseTo: ValidateInResponseTo.ifPresent,
        cacheProvider,
      };
      saml = new SAML(config);
    },
    async authnRequestUrl(relayState, options = {}) {
      if (!config) throw new Error("Call trust() first.");
      const requester = new SAML({ ...config, forceAuthn: options.forceAuthn ?? false });
      const url = await requester.getAuthorizeUrlAsync(relayState, undefined, {});
      const { inflateRawSync } = await import("node:zlib");
      const xml = inflateRawSync(Buffer.from(new URL(url).searchParams.get("SAMLRequest")!, "base64")).toString("utf8");
      return { url, requestId: /\bID="([^"]+)"/.exec(xml)![1]! };
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function escape(value: string): string {
  return value.replace(/[&<>"]/g, (character) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[character]!);
}
