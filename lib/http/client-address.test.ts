import { afterEach, describe, expect, it, vi } from "vitest";
import { applyClientAddress, parseTrustedProxies, resolveClientAddress, type ClientAddress } from "./client-address";

const none = parseTrustedProxies(undefined);
const proxies = parseTrustedProxies("10.0.0.5, 10.1.0.0/16, fd00::/8");
const loopbackProxy = parseTrustedProxies("127.0.0.1");
const plain = { encrypted: false };

describe("resolveClientAddress", () => {
  it.each<[string, string | undefined, Record<string, string>, ReturnType<typeof parseTrustedProxies>, ClientAddress]>([
    [
      "no proxies configured: a spoofed X-Forwarded-For is ignored",
      "203.0.113.7",
      { "x-forwarded-for": "1.2.3.4" },
      none,
      { address: "203.0.113.7", secure: false, viaTrustedProxy: false },
    ],
    [
      "no proxies configured: X-Real-IP and X-Forwarded-Proto are ignored",
      "203.0.113.7",
      { "x-real-ip": "1.2.3.4", "x-forwarded-proto": "https" },
      none,
      { address: "203.0.113.7", secure: false, viaTrustedProxy: false },
    ],
    [
      "an untrusted peer claiming to be proxied",
      "203.0.113.7",
      { "x-forwarded-for": "198.51.100.1, 10.0.0.5" },
      proxies,
      { address: "203.0.113.7", secure: false, viaTrustedProxy: false },
    ],
    [
      "a trusted proxy forwarding its client",
      "10.0.0.5",
      { "x-forwarded-for": "198.51.100.1" },
      proxies,
      { address: "198.51.100.1", secure: false, viaTrustedProxy: true },
    ],
    [
      "a chain of trusted proxies: the right-most untrusted address wins over what the client wrote",
      "10.0.0.5",
      { "x-forwarded-for": "6.6.6.6, 198.51.100.1, 10.1.2.3" },
      proxies,
      { address: "198.51.100.1", secure: false, viaTrustedProxy: true },
    ],
    [
      "every hop trusted: the left-most",
      "10.0.0.5",
      { "x-forwarded-for": "10.1.0.9, 10.1.2.3" },
      proxies,
      { address: "10.1.0.9", secure: false, viaTrustedProxy: true },
    ],
    [
      "a trusted proxy that forwarded garbage is itself the client",
      "10.0.0.5",
      { "x-forwarded-for": "198.51.100.1, not-an-address" },
      proxies,
      { address: "10.0.0.5", secure: false, viaTrustedProxy: true },
    ],
    ["a trusted proxy with no forwarded headers", "10.0.0.5", {}, proxies, { address: "10.0.0.5", secure: false, viaTrustedProxy: true }],
    [
      "a trusted proxy sending only X-Real-IP",
      "10.0.0.5",
      { "x-real-ip": "198.51.100.1" },
      proxies,
      { address: "198.51.100.1", secure: false, viaTrustedProxy: true },
    ],
    [
      "a trusted proxy's X-Forwarded-Proto",
      "10.0.0.5",
      { "x-forwarded-for": "198.51.100.1", "x-forwarded-proto": "https" },
      proxies,
      { address: "198.51.100.1", secure: true, viaTrustedProxy: true },
    ],
    [
      "the nearest proxy's scheme, not the client's",
      "10.0.0.5",
      { "x-forwarded-proto": "https, http" },
      proxies,
      { address: "10.0.0.5", secure: false, viaTrustedProxy: true },
    ],
    [
      "addresses with ports",
      "10.0.0.5",
      { "x-forwarded-for": "198.51.100.1:50123, [2001:db8::1]:443" },
      proxies,
      { address: "2001:db8::1", secure: false, viaTrustedProxy: true },
    ],
    [
      "IPv4-mapped peer, untrusted",
      "::ffff:127.0.0.1",
      { "x-forwarded-for": "1.2.3.4" },
      none,
      { address: "127.0.0.1", secure: false, viaTrustedProxy: false },
    ],
    [
      "IPv4-mapped peer matching an IPv4 proxy",
      "::ffff:127.0.0.1",
      { "x-forwarded-for": "::ffff:198.51.100.1" },
      loopbackProxy,
      { address: "198.51.100.1", secure: false, viaTrustedProxy: true },
    ],
    ["an IPv6 proxy range", "fd00::17", { "x-forwarded-for": "2001:db8::42" }, proxies, { address: "2001:db8::42", secure: false, viaTrustedProxy: true }],
    [
      "an IPv6 peer outside the ranges",
      "2001:db8::99",
      { "x-forwarded-for": "1.2.3.4" },
      proxies,
      { address: "2001:db8::99", secure: false, viaTrustedProxy: false },
    ],
    ["a socket that is already gone", undefined, { "x-forwarded-for": "1.2.3.4" }, proxies, { address: null, secure: false, viaTrustedProxy: false }],
  ])("%s", (_label, remoteAddress, headers, trusted, expected) => {
    expect(resolveClientAddress({ remoteAddress, ...plain }, headers, trusted)).toEqual(expected);
  });

  it("takes a TLS connection as secure when no trusted proxy says otherwise", () => {
    expect(resolveClientAddress({ remoteAddress: "203.0.113.7", encrypted: true }, { "x-forwarded-proto": "http" }, none).secure).toBe(true);
  });
});

describe("applyClientAddress", () => {
  it("removes every forwarded header an untrusted peer sent and writes the trusted values", () => {
    const headers: Record<string, string | undefined> = {
      host: "roster.example",
      forwarded: "for=1.2.3.4;proto=https",
      "x-forwarded-for": "1.2.3.4",
      "x-real-ip": "1.2.3.4",
      "x-forwarded-proto": "https",
      "x-forwarded-host": "evil.example",
      "x-forwarded-port": "443",
    };
    applyClientAddress({ remoteAddress: "::ffff:127.0.0.1", encrypted: false }, headers, none);
    expect(headers).toEqual({ host: "roster.example", "x-forwarded-for": "127.0.0.1", "x-forwarded-proto": "http" });
  });

  it("keeps a trusted proxy's host and port, and reduces its chain to the client", () => {
    const headers: Record<string, string | undefined> = {
      "x-forwarded-for": "6.6.6.6, 198.51.100.1",
      "x-real-ip": "198.51.100.1",
      "x-forwarded-proto": "https",
      "x-forwarded-host": "roster.example",
      "x-forwarded-port": "443",
    };
    applyClientAddress({ remoteAddress: "10.0.0.5", encrypted: false }, headers, proxies);
    expect(headers).toEqual({
      "x-forwarded-for": "198.51.100.1",
      "x-forwarded-proto": "https",
      "x-forwarded-host": "roster.example",
      "x-forwarded-port": "443",
    });
  });
});

describe("parseTrustedProxies", () => {
  it("reads addresses and ranges of both families", () => {
    expect(
      parseTrustedProxies(" 10.0.0.5 ,10.1.0.0/16,fd00::/8, ::ffff:192.0.2.0/120 ,").map(
        ({ address, prefixLength }) => `${address.toString()}/${prefixLength}`,
      ),
    ).toEqual(["10.0.0.5/32", "10.1.0.0/16", "fd00::/8", "192.0.2.0/24"]);
    expect(parseTrustedProxies("")).toEqual([]);
  });

  it.each(["proxy.internal", "10.0.0.0/33", "10.0.0.5:8080", "127.1", "10.0.0.0/8/8", "fd00::/129", "10.0.0.0/"])("refuses %s in plain words", (entry) => {
    expect(() => parseTrustedProxies(`10.0.0.1,${entry}`)).toThrow(
      `ROSTER_TRUSTED_PROXIES has "${entry}", which is not an IP address or a CIDR range; list your reverse proxies' addresses, comma-separated, such as 10.0.0.5,10.1.0.0/16.`,
    );
  });
});

describe("the environment", () => {
  afterEach(() => vi.unstubAllEnvs());

  it("reads ROSTER_TRUSTED_PROXIES (none by default) and HOST (this machine by default), and names a bad value", async () => {
    const { readEnv } = await import("../env");
    vi.stubEnv("ROSTER_TRUSTED_PROXIES", undefined as unknown as string);
    vi.stubEnv("HOST", undefined as unknown as string);
    expect(readEnv("ROSTER_TRUSTED_PROXIES")).toEqual([]);
    expect(readEnv("HOST")).toBe("127.0.0.1");

    vi.stubEnv("ROSTER_TRUSTED_PROXIES", "10.0.0.5,10.1.0.0/16");
    vi.stubEnv("HOST", "0.0.0.0");
    expect(readEnv("ROSTER_TRUSTED_PROXIES")).toHaveLength(2);
    expect(readEnv("HOST")).toBe("0.0.0.0");

    vi.stubEnv("ROSTER_TRUSTED_PROXIES", "10.0.0.5,my-proxy");
    expect(() => readEnv("ROSTER_TRUSTED_PROXIES")).toThrow('ROSTER_TRUSTED_PROXIES has "my-proxy", which is not an IP address or a CIDR range');
    vi.stubEnv("HOST", "every interface");
    expect(() => readEnv("HOST")).toThrow("HOST must be an address to listen on");
  });
});
