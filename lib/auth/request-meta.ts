import "server-only";
import { headers } from "next/headers";
import { readEnv } from "../env";
import { parseAddress } from "../http/client-address";

export interface RequestMeta {
  ip: string | null;
  userAgent: string | null;
  secure: boolean;
}

/**
 * Who is calling. The web server (scripts/web-server.ts) has already replaced
 * every forwarded header with what it trusts (lib/http/client-address.ts):
 * `x-forwarded-for` holds the one client address, the socket's peer unless
 * that is a trusted proxy, and `x-forwarded-proto` the scheme. A value that is
 * not an address is never recorded.
 */
export async function getRequestMeta(): Promise<RequestMeta> {
  const list = await headers();
  const client = parseAddress(list.get("x-forwarded-for")?.split(",").at(-1));
  const secureOverride = readEnv("ROSTER_SECURE_COOKIES");
  return {
    ip: client?.toString() ?? null,
    userAgent: list.get("user-agent")?.slice(0, 500) ?? null,
    secure: secureOverride ?? list.get("x-forwarded-proto") === "https",
  };
}

/**
 * This Roster's public address (scheme, host and port, no trailing slash) as the browser reached it, for the
 * addresses Roster hands to apps (the SAML Entity ID, SSO URL and metadata). The scheme is the one the web
 * server decided (`x-forwarded-proto`); `x-forwarded-host` only reaches Next when a trusted proxy sent it
 * (scripts/web-server.ts removes it otherwise), so the Host header is used unless such a proxy named another.
 */
export async function getPublicBaseUrl(): Promise<string> {
  const list = await headers();
  const proto = list.get("x-forwarded-proto") === "https" ? "https" : "http";
  const host = list.get("x-forwarded-host")?.split(",")[0]?.trim() || list.get("host") || "";
  // A host name, an IPv4 address or a bracketed IPv6 one, with an optional port; anything else is not an address.
  return `${proto}://${/^(\[[0-9a-f:.]+\]|[a-z0-9.-]+)(:\d{1,5})?$/i.test(host) ? host : "localhost"}`;
}
