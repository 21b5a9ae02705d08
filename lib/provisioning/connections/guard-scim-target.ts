import "server-only";
import { promises as dns, type LookupAddress } from "node:dns";
import { isIP, type LookupFunction } from "node:net";
import ipaddr from "ipaddr.js";
import { readEnv } from "../../env";
import { AddressRefusedError, answerLookup } from "../../scim";

/**
 * Keeps SCIM requests (which carry a bearer token) away from addresses inside
 * our own network: loopback, private ranges, link-local and cloud metadata
 * services. Every SCIM connection asks `guardedLookup` for its addresses, so
 * the addresses checked here are the ones connected to, for each new
 * connection (a name that answers differently the second time is checked
 * again). ROSTER_ALLOWED_PRIVATE_TARGETS lets exact `address:port` pairs
 * through (the demo sandbox); ROSTER_ALLOW_PRIVATE_TARGETS lets every private
 * address through, for tests and development.
 */
const METADATA_HOSTS = new Set(["metadata.google.internal", "metadata", "instance-data", "instance-data.ec2.internal", "metadata.azure.internal"]);
const PUBLIC_RANGES = new Set(["unicast"]);
const NO_SUCH_NAME = new Set(["ENOTFOUND", "ENODATA", "NXDOMAIN"]);

/** Per attempt, and for the whole lookup, when resolving through ROSTER_DNS_SERVERS. */
const ATTEMPT_TIMEOUT_MS = 2_000;
const TOTAL_TIMEOUT_MS = 5_000;

/** Lower case, without IPv6 brackets or the trailing dot of a fully qualified name (`localhost.` is `localhost`). */
export function normalizeHost(host: string): string {
  return host
    .replace(/^\[|\]$/g, "")
    .toLowerCase()
    .replace(/\.+$/, "");
}

/** The port a base URL connects to; 0 for an address that is not a URL (the SCIM client refuses those itself). */
export function targetPort(baseUrl: string | URL): number {
  const url = URL.parse(String(baseUrl));
  if (!url) return 0;
  return Number(url.port) || (url.protocol === "https:" ? 443 : 80);
}

/**
 * The addresses of `host`, every one of them checked for `port`; refuses with
 * an AddressRefusedError in plain words. A DNS server that does not answer is
 * an error with code EAI_AGAIN, which the SCIM client retries.
 */
export async function resolveTargetAddresses(host: string, port: number): Promise<LookupAddress[]> {
  const name = normalizeHost(host);
  refuseByName(name);
  const literal = asLiteral(name);
  const addresses = literal ? [literal] : await resolveName(name);
  for (const { address } of addresses) checkAddress(name, address, port);
  return addresses;
}

/**
 * A `dns.lookup` for the SCIM client's connections to `port`: resolves
 * through `resolveTargetAddresses` and answers only with checked addresses.
 */
export function guardedLookup(port: number): LookupFunction {
  return (hostname, options, callback) => {
    resolveTargetAddresses(hostname, port).then(
      (addresses) => answerLookup(hostname, addresses, options, callback),
      (error: NodeJS.ErrnoException) => callback(error, "", 0),
    );
  };
}

/**
 * The same checks for a Sync endpoint before anything is connected: names and
 * IP literals only (`resolve: false`, when saving the endpoint), or with the
 * name resolved too.
 */
export async function checkTargetAddress(baseUrl: string, { resolve = true } = {}): Promise<void> {
  const url = new URL(baseUrl);
  const port = targetPort(url);
  const name = normalizeHost(url.hostname);
  if (resolve) {
    await resolveTargetAddresses(name, port);
    return;
  }
  refuseByName(name);
  const literal = asLiteral(name);
  if (literal) checkAddress(name, literal.address, port);
}

function refuseByName(name: string): void {
  if (METADATA_HOSTS.has(name)) refuse(name, "it is a cloud metadata service");
  if (readEnv("ROSTER_ALLOW_PRIVATE_TARGETS")) return;
  if (name === "localhost" || name.endsWith(".localhost")) refuse(name, "it is this machine (loopback)");
}

/** An IP literal in any spelling ipaddr.js reads (`127.1`, `0x7f.0.0.1`, `::ffff:127.0.0.1`), as a plain address. */
function asLiteral(name: string): LookupAddress | null {
  if (isIP(name)) return { address: name, family: isIP(name) };
  if (!ipaddr.isValid(name)) return null;
  const address = ipaddr.parse(name).toString();
  return { address, family: isIP(address) };
}

function checkAddress(name: string, address: string, port: number): void {
  if (readEnv("ROSTER_ALLOW_PRIVATE_TARGETS")) return;
  const what = describeRange(address);
  if (!what || readEnv("ROSTER_ALLOWED_PRIVATE_TARGETS").has(`${canonical(address)}:${port}`)) return;
  refuse(name, name === canonical(address) ? `it is ${what}` : `it resolves to ${address}, ${what}`);
}

function canonical(address: string): string {
  return ipaddr.process(address).toString();
}

function describeRange(address: string): string | null {
  const range = ipaddr.process(address).range();
  if (PUBLIC_RANGES.has(range)) return null;
  if (range === "linkLocal") return "a link-local address (such as a cloud metadata service)";
  if (range === "loopback") return "this machine (loopback)";
  if (range === "unspecified") return "an unspecified address";
  return "a private network address";
}

function refuse(host: string, because: string): never {
  throw new AddressRefusedError(`Roster does not send SCIM tokens to ${host}, because ${because}. Use the app's public SCIM base URL.`);
}

function unresolvable(name: string): never {
  throw new AddressRefusedError(`Roster could not find the address of ${name}. Check the Sync endpoint's spelling.`);
}

function notAnsweringNow(name: string, cause: unknown): never {
  throw Object.assign(new Error(`The address of ${name} could not be looked up right now.`, { cause }), { code: "EAI_AGAIN" });
}

/** Through ROSTER_DNS_SERVERS (A and AAAA) when set, else the system's resolver. */
async function resolveName(name: string): Promise<LookupAddress[]> {
  const servers = readEnv("ROSTER_DNS_SERVERS");
  if (!servers) {
    try {
      return await dns.lookup(name, { all: true, verbatim: true });
    } catch (error) {
      if (NO_SUCH_NAME.has((error as NodeJS.ErrnoException).code ?? "")) unresolvable(name);
      notAnsweringNow(name, error);
    }
  }
  const resolver = new dns.Resolver({ timeout: ATTEMPT_TIMEOUT_MS, tries: 2 });
  resolver.setServers(servers.split(",").map((server) => server.trim()));
  const deadline = setTimeout(() => resolver.cancel(), TOTAL_TIMEOUT_MS);
  try {
    const [v4, v6] = await Promise.allSettled([resolver.resolve4(name), resolver.resolve6(name)]);
    const addresses: LookupAddress[] = [
      ...(v4.status === "fulfilled" ? v4.value.map((address) => ({ address, family: 4 })) : []),
      ...(v6.status === "fulfilled" ? v6.value.map((address) => ({ address, family: 6 })) : []),
    ];
    if (addresses.length > 0) return addresses;
    const failures = [v4, v6].flatMap((outcome) => (outcome.status === "rejected" ? [outcome.reason as NodeJS.ErrnoException] : []));
    if (failures.every((failure) => NO_SUCH_NAME.has(failure.code ?? ""))) unresolvable(name);
    notAnsweringNow(name, failures[0]);
  } finally {
    clearTimeout(deadline);
  }
}
