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
