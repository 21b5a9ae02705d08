import type { LookupAddress } from "node:dns";
import type { LookupFunction } from "node:net";
import { Agent, buildConnector } from "undici";
import { answerLookup } from "./answer-lookup.ts";
import type { Exchange, HeaderReader } from "./exchange.ts";

export interface UndiciExchangeOptions {
  /** Scheme, host and port: every request of a client goes to its one origin. */
  origin: string;
  /** Connections kept open at most, one request on each at a time. */
  connections: number;
  connectMs: number;
  headersMs: number;
  bodyMs: number;
  /** Answers whose body passes this are cut off there, with the connection closed. */
  maxBodyBytes: number;
  lookup?: LookupFunction;
}

/**
 * How long an idle kept-alive connection is kept for reuse. A server closes idle connections on
 * its own schedule, and a request written just as it does fails with ECONNRESET: for a create,
 * an answer Roster can no longer trust. undici closes an idle connection a second
 * (IDLE_MARGIN_MS) before the time a server announces in its `Keep-Alive: timeout=N` header; this
 * is the ceiling for that, and the time for servers that announce nothing. An in-flight request
 * is not affected: only idle connections close.
 */
const IDLE_SOCKET_MS = 15_000;
const IDLE_MARGIN_MS = 1_000;

/**
 * The one transport: an undici Agent per client, which keeps connections alive and enforces the
 * connect, headers and body timeouts and the size limit itself, each failing with its own error
 * code (UND_ERR_CONNECT_TIMEOUT, UND_ERR_HEADERS_TIMEOUT, UND_ERR_BODY_TIMEOUT,
 * UND_ERR_RES_EXCEEDED_MAX_SIZE). The body timeout restarts with every chunk, so a deadline for
 * the whole exchange is the caller's, through the signal. Redirects are never followed: the Agent
 * has no redirect interceptor.
 *
 * With a `lookup`, every new connection first asks it for the host's addresses (IP literals
 * included, which node:net would otherwise connect to without asking) and then connects to
 * exactly those: there is no second resolution between the check and the connect. A kept-alive
 * connection is reused without asking again.
 */
export function createUndiciExchange(options: UndiciExchangeOptions): Exchange {
  const agent = new Agent({
    connections: options.connections,
    pipelining: 1,
    connect: options.lookup ? connectThroughLookup(options.lookup, options.connectMs) : { timeout: options.connectMs },
    headersTimeout: options.headersMs,
    bodyTimeout: options.bodyMs,
    maxResponseSize: options.maxBodyBytes,
    keepAliveTimeout: IDLE_SOCKET_MS,
    keepAliveMaxTimeout: IDLE_SOCKET_MS,
    keepAliveTimeoutThreshold: IDLE_MARGIN_MS,
  });
  const { origin } = options;

  return {
    async send(request) {
      const response = await agent.request({
        origin,
        path: request.path,
        method: request.method,
        headers: request.headers,
        body: request.body,
        signal: request.signal,
      });
      const text = await response.body.text();
      return { status: response.statusCode, headers: headerReader(response.headers), text };
    },
    close: () => agent.close(),
  };
}

/**
 * A connector that asks `lookup` first and connects only to what it answered. The lookup runs
 * before the socket exists (so the connect timeout starts after it, like node:net's own lookup);
 * a refusal is the connection's error, which undici hands to the request. TLS still checks the
 * certificate against the host name, since the host name is kept.
 */
function connectThroughLookup(lookup: LookupFunction, connectMs: number): buildConnector.connector {
  return (target, callback) => {
    // undici passes an IPv6 literal without its brackets.
    const host = target.hostname;
    lookup(host, { all: true }, (error, found) => {
      if (error) return callback(error, null);
      const addresses: LookupAddress[] = Array.isArray(found) ? found : [{ address: found, family: 0 }];
      if (addresses.length === 0) return callback(Object.assign(new Error(`No address for ${host}.`), { code: "ENOTFOUND" }), null);
      const pinned: LookupFunction = (_hostname, lookupOptions, answer) => answerLookup(host, addresses, lookupOptions, answer);
      // A connector per connection, since the addresses are this connection's own. New connections
      // are rare (they are kept alive), so TLS session reuse across them is not worth a shared cache.
      buildConnector({ timeout: connectMs, lookup: pinned })(target, callback);
    });
  };
}

/** undici already lower-cases header names; copying them into a WHATWG Headers would cost more than the lookups. */
function headerReader(headers: Record<string, string | string[] | undefined>): HeaderReader {
  return {
    get(name) {
      const value = headers[name.toLowerCase()];
      if (value === undefined) return null;
      return Array.isArray(value) ? value.join(", ") : value;
    },
  };
}
