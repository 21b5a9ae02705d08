/**
 * Who is calling: the address a request really came from, and whether it
 * arrived over HTTPS. Forwarded headers (`X-Forwarded-For`, `X-Real-IP`,
 * `X-Forwarded-Proto`, `-Host`, `-Port`, `Forwarded`) are anyone's to write,
 * so they are believed only when the connection itself comes from a proxy
 * listed in ROSTER_TRUSTED_PROXIES; from anyone else they are removed and the
 * socket's peer is the client. Pure: the web server (scripts/web-server.ts)
 * applies it to every request before Next.js sees it.
 */
import ipaddr from "ipaddr.js";

type Address = ipaddr.IPv4 | ipaddr.IPv6;

export interface TrustedProxyRange {
  address: Address;
  prefixLength: number;
}

export type TrustedProxies = readonly TrustedProxyRange[];

export class TrustedProxiesError extends Error {
  override name = "TrustedProxiesError";
}

/** An IPv4-mapped IPv6 address (`::ffff:10.0.0.1`) is the IPv4 address it carries. */
function unmap(address: Address): Address {
  return address.kind() === "ipv6" && (address as ipaddr.IPv6).isIPv4MappedAddress() ? (address as ipaddr.IPv6).toIPv4Address() : address;
}

/**
 * One address as proxies and sockets write it: `10.0.0.1`, `::1`, `::ffff:10.0.0.1`,
 * `[2001:db8::1]`, and with a port (`10.0.0.1:5123`, `[2001:db8::1]:5123`). Anything
 * else (short forms such as `127.1`, hex, names) is not an address.
 */
export function parseAddress(text: string | undefined): Address | null {
  if (!text) return null;
  let value = text.trim();
  const bracketed = /^\[([^\]]+)\](?::\d{1,5})?$/.exec(value);
  if (bracketed) value = bracketed[1]!;
  else {
    const withPort = /^(\d{1,3}(?:\.\d{1,3}){3}):\d{1,5}$/.exec(value);
    if (withPort) value = withPort[1]!;
  }
  if (ipaddr.IPv4.isValidFourPartDecimal(value)) return ipaddr.IPv4.parse(value);
  if (ipaddr.IPv6.isValid(value)) return unmap(ipaddr.IPv6.parse(value));
  return null;
}

/** `10.0.0.5, 10.1.0.0/16, fd00::/8` → ranges; empty or unset → none. Throws a plain sentence naming the bad entry. */
export function parseTrustedProxies(text: string | undefined): TrustedProxies {
  const entries = (text ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  return entries.map((entry) => {
    const [addressText, prefixText, ...rest] = entry.split("/");
    // Addresses only: no brackets or ports here.
    const address = rest.length === 0 && !/[[\]]|^[\d.]+:/.test(addressText!) ? parseAddress(addressText) : null;
    const isV4 = address?.kind() === "ipv4";
    const maxPrefix = isV4 ? 32 : 128;
    let prefixLength = maxPrefix;
    if (prefixText !== undefined) {
      prefixLength = /^\d{1,3}$/.test(prefixText) ? Number(prefixText) : -1;
      // An IPv4-mapped range (::ffff:10.0.0.0/104) becomes the IPv4 range it covers.
      const mappedV6 = isV4 && !ipaddr.IPv4.isValidFourPartDecimal(addressText!.trim());
      if (mappedV6) prefixLength -= 96;
    }
    if (!address || prefixLength < 0 || prefixLength > maxPrefix) {
      throw new TrustedProxiesError(
        `ROSTER_TRUSTED_PROXIES has "${entry}", which is not an IP address or a CIDR range; list your reverse proxies' addresses, comma-separated, such as 10.0.0.5,10.1.0.0/16.`,
      );
    }
    return { address, prefixLength };
  });
}

function isTrusted(address: Address, trusted: TrustedProxies): boolean {
  return trusted.some((range) => range.address.kind() === address.kind() && address.match(range.address, range.prefixLength));
}

export interface Connection {
  /** `socket.remoteAddress`: undefined once the socket is gone. */
  remoteAddress: string | undefined;
  /** Whether the connection itself is TLS. */
  encrypted: boolean;
}

export interface ClientAddress {
  /** The address the request came from, as far as can be trusted; null when the socket is already gone. */
  address: string | null;
  /** Whether the client reached us over HTTPS. */
  secure: boolean;
  /** True when the peer is a trusted proxy, so its other forwarded headers (host, port) stand. */
  viaTrustedProxy: boolean;
}

type Headers = Record<string, string | string[] | undefined>;

function headerValue(headers: Headers, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value.join(", ") : value;
}

function listOf(value: string | undefined): string[] {
  return (value ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
}

/**
 * The client is the socket's peer unless that peer is a trusted proxy. Then
 * X-Forwarded-For (or X-Real-IP, when a proxy sends only that) is read from
 * the right, each trusted hop giving way to the address it forwarded, and the
 * first address that is not a trusted proxy is the client: whatever a client
 * wrote further left is its own claim. A hop that forwarded something that is
 * not an address is taken as the client itself.
 */
export function resolveClientAddress(connection: Connection, headers: Headers, trusted: TrustedProxies): ClientAddress {
  const peer = parseAddress(connection.remoteAddress);
  if (!peer || !isTrusted(peer, trusted)) {
    return { address: peer?.toString() ?? null, secure: connection.encrypted, viaTrustedProxy: false };
  }

  const forwardedFor = listOf(headerValue(headers, "x-forwarded-for"));
  const chain = forwardedFor.length ? forwardedFor : listOf(headerValue(headers, "x-real-ip")).slice(-1);
  let client = peer;
  for (const hop of chain.reverse()) {
    const address = parseAddress(hop);
    if (!address) break;
    client = address;
    if (!isTrusted(address, trusted)) break;
  }

  // The nearest proxy's word on the scheme is its last entry.
  const proto = listOf(headerValue(headers, "x-forwarded-proto")).at(-1)?.toLowerCase();
  return { address: client.toString(), secure: proto ? proto === "https" : connection.encrypted, viaTrustedProxy: true };
}

const FORWARDED_HEADERS = ["forwarded", "x-forwarded-for", "x-real-ip", "x-forwarded-proto", "x-forwarded-host", "x-forwarded-port"] as const;

/**
 * Rewrites a request's headers in place so that what comes after (Next.js,
 * lib/auth/request-meta.ts) reads only trusted values: `x-forwarded-for` is
 * the one client address, `x-forwarded-proto` the scheme; `x-forwarded-host`
 * and `-port` stay only when a trusted proxy sent them; every other forwarded
 * header is removed.
 */
export function applyClientAddress(connection: Connection, headers: Headers, trusted: TrustedProxies): ClientAddress {
  const client = resolveClientAddress(connection, headers, trusted);
  for (const name of FORWARDED_HEADERS) {
    if (client.viaTrustedProxy && (name === "x-forwarded-host" || name === "x-forwarded-port")) continue;
    delete headers[name];
  }
  if (client.address) headers["x-forwarded-for"] = client.address;
  headers["x-forwarded-proto"] = client.secure ? "https" : "http";
  return client;
}
