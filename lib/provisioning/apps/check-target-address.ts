import "server-only";
import { lookup } from "node:dns/promises";
import ipaddr from "ipaddr.js";
import { readEnv } from "../../env";

/**
 * Keeps SCIM requests (which carry a bearer token) away from addresses inside
 * our own network: loopback, private ranges, link-local and cloud metadata
 * services. The demo and the tests allow them with ROSTER_ALLOW_PRIVATE_TARGETS.
 */
const METADATA_HOSTS = new Set(["metadata.google.internal", "metadata", "instance-data", "instance-data.ec2.internal"]);
const PUBLIC_RANGES = new Set(["unicast"]);

export class TargetRefusedError extends Error {
  override name = "TargetRefusedError";
}

function describeRange(address: string): string | null {
  const parsed = ipaddr.process(address);
  const range = parsed.range();
  if (PUBLIC_RANGES.has(range)) return null;
  if (range === "linkLocal") return "a link-local address (such as a cloud metadata service)";
  if (range === "loopback") return "this machine (loopback)";
  if (range === "unspecified") return "an unspecified address";
  return "a private network address";
}

function refuse(host: string, what: string): never {
  throw new TargetRefusedError(
    `Roster does not send SCIM tokens to ${host}, because it is ${what}. Use the app's public SCIM base URL.`,
  );
}

/** Checks what the URL's host is before anything is sent; resolves names to their addresses. */
export async function checkTargetAddress(baseUrl: string, { resolve = true } = {}): Promise<void> {
  if (readEnv("ROSTER_ALLOW_PRIVATE_TARGETS")) return;
  const host = new URL(baseUrl).hostname.replace(/^\[|\]$/g, "").toLowerCase();
  if (METADATA_HOSTS.has(host)) refuse(host, "a cloud metadata service");
  if (ipaddr.isValid(host)) {
    const what = describeRange(host);
    if (what) refuse(host, what);
    return;
  }
  if (host === "localhost" || host.endsWith(".localhost")) refuse(host, "this machine (loopback)");
  if (!resolve) return;
  let addresses: { address: string }[];
  try {
    addresses = await lookup(host, { all: true, verbatim: true });
  } catch {
    return; // Unresolvable names fail later with a plain "host not found" from the SCIM client.
  }
  for (const { address } of addresses) {
    const what = describeRange(address);
    if (what) refuse(host, `${what} (${address})`);
  }
}
