import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from "node:http";
import { Agent as HttpsAgent, request as httpsRequest } from "node:https";
import type { LookupAddress } from "node:dns";
import type { LookupFunction } from "node:net";
import type { Duplex } from "node:stream";
import { answerLookup } from "./answer-lookup.ts";
import type { Exchange, HeaderReader } from "./exchange.ts";

/**
 * How long an idle kept-alive connection is kept for reuse. A server closes idle connections on
 * its own schedule, and a request written just as it does fails with ECONNRESET: for a create,
 * an answer Roster can no longer trust. node:http closes an idle socket a second before the time
 * a server announces in its `Keep-Alive: timeout=N` header, but only when the agent has a timeout
 * of its own (without one it keeps idle sockets for ever); this is that timeout, and the ceiling
 * for servers that announce nothing. An in-flight request is not affected: only idle sockets close.
 */
const IDLE_SOCKET_MS = 15_000;

/**
 * The default transport: node:http(s) with a keep-alive agent per client. On loopback it sends
 * about four times as many requests per second as fetch (undici's WHATWG layer costs more CPU
 * than the request itself), and it can tell connecting apart from waiting, which fetch cannot.
 * Redirects are never followed: node:http does not follow them at all.
 *
 * With a `lookup`, every new connection first asks it for the host's addresses (IP literals
 * included, which node:net would otherwise connect to without asking) and then connects to
 * exactly those: there is no second resolution between the check and the connect. A kept-alive
 * connection is reused without asking again.
 */
export function createNodeHttpExchange(protocol: string, maxSockets: number, lookup?: LookupFunction): Exchange {
  const secure = protocol === "https:";
  const options = { keepAlive: true, maxSockets, timeout: IDLE_SOCKET_MS };
  const agent = secure ? new HttpsAgent(options) : new HttpAgent(options);
  if (lookup) connectOnlyToLookedUpAddresses(agent, lookup);
  const send = secure ? httpsRequest : httpRequest;
  const origins = new Map<string, { protocol: string; hostname: string; port: string }>();

  return (request) =>
    new Promise((resolve, reject) => {
      // A known length lets node:http send headers and body in one write instead of chunked encoding's three.
      const headers = request.body === undefined ? request.headers : { ...request.headers, "content-length": String(Buffer.byteLength(request.body)) };
      // Every request goes to the client's one origin: parsing it once, not per request, saves the URL parser's work.
      const pathStart = request.url.indexOf("/", request.url.indexOf("//") + 2);
      const origin = pathStart === -1 ? request.url : request.url.slice(0, pathStart);
      let target = origins.get(origin);
      if (!target) {
        const { protocol, hostname, port } = new URL(origin);
        target = { protocol, hostname: hostname.replace(/^\[|\]$/g, ""), port };
        origins.set(origin, target);
      }
      const path = pathStart === -1 ? "/" : request.url.slice(pathStart);
      const outgoing = send({ ...target, path, method: request.method, headers, agent, signal: request.signal }, (response) => {
        request.onHeaders();
        readBody(response, request.maxBodyBytes).then((text) => resolve({ status: response.statusCode ?? 0, headers: headerReader(response), text }), reject);
      });
      outgoing.on("error", reject);
      outgoing.on("socket", (socket) => {
        if (!socket.connecting) return request.onConnected();
        request.onConnecting();
        socket.once("connect", () => request.onConnected());
      });
      outgoing.end(request.body);
    });
}

type ConnectionOptions = { host?: string | null; lookup?: LookupFunction } & Record<string, unknown>;
type CreateConnection = (options: ConnectionOptions, oncreate?: (error: Error | null, socket?: Duplex) => void) => Duplex | undefined;

/**
 * Wraps the agent's socket factory: the lookup runs before the socket exists, and the socket's
 * own lookup answers with what it returned. node:http waits for the callback when the factory
 * returns nothing, and turns an error into the request's error. TLS still checks the certificate
 * against the host name, since the host name is kept.
 */
function connectOnlyToLookedUpAddresses(agent: HttpAgent, lookup: LookupFunction): void {
  const target = agent as unknown as { createConnection: CreateConnection };
  const connect = target.createConnection.bind(agent);
  target.createConnection = (options, oncreate) => {
    const host = String(options.host ?? "localhost").replace(/^\[|\]$/g, "");
    lookup(host, { all: true }, (error, found) => {
      if (error) return oncreate?.(error);
      const addresses: LookupAddress[] = Array.isArray(found) ? found : [{ address: found, family: 0 }];
      if (addresses.length === 0) return oncreate?.(Object.assign(new Error(`No address for ${host}.`), { code: "ENOTFOUND" }));
      const pinned: LookupFunction = (_hostname, lookupOptions, callback) => answerLookup(host, addresses, lookupOptions, callback);
      let socket: Duplex | undefined;
      try {
        socket = connect({ ...options, lookup: pinned });
      } catch (connectError) {
        return oncreate?.(connectError as Error);
      }
      oncreate?.(null, socket);
    });
    return undefined;
  };
}

function readBody(response: IncomingMessage, maxBytes: number): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    if (Number(response.headers["content-length"]) > maxBytes) {
      response.destroy();
      return resolve(undefined);
    }
    const chunks: Buffer[] = [];
    let received = 0;
    response.on("data", (chunk: Buffer) => {
      received += chunk.byteLength;
      if (received > maxBytes) {
        response.destroy();
        resolve(undefined);
      } else {
        chunks.push(chunk);
      }
    });
    response.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    response.on("error", reject);
    // A connection dropped mid-body ends the stream without "end" on some Node versions.
    response.on("close", () => {
      if (!response.complete) reject(Object.assign(new Error("The connection closed before the answer was complete."), { code: "ECONNRESET" }));
    });
  });
}

/** node:http already lower-cases header names; copying them into a WHATWG Headers would cost more than the lookups. */
function headerReader(response: IncomingMessage): HeaderReader {
  return {
    get(name) {
      const value = response.headers[name.toLowerCase()];
      if (value === undefined) return null;
      return Array.isArray(value) ? value.join(", ") : value;
    },
  };
}
