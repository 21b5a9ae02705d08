import { createServer, type IncomingHttpHeaders, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface RecordedRequest {
  method: string;
  /** Path and query, as received. */
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
  /** The client's end of the connection: requests with the same port came over the same kept-alive connection. */
  remotePort: number | undefined;
}

// Handlers may return anything (often the response itself); only a rejected promise matters.
export type FakeHandler = (request: RecordedRequest, response: ServerResponse) => unknown;

export interface FakeServer {
  origin: string;
  /** `${origin}/scim/v2`, the base URL to give the client. */
  baseUrl: string;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

/**
 * A loopback HTTP server whose answers each test scripts, for behaviours no well-behaved SCIM
 * server would show (HTML pages, redirects, huge bodies, hangs, odd paging).
 */
export async function startFakeServer(handler: FakeHandler): Promise<FakeServer> {
  const requests: RecordedRequest[] = [];
  const server = createServer((incoming, response) => {
    const chunks: Buffer[] = [];
    incoming.on("data", (chunk: Buffer) => chunks.push(chunk));
    incoming.on("end", () => {
      const request = {
        method: incoming.method ?? "",
        url: incoming.url ?? "",
        headers: incoming.headers,
        body: Buffer.concat(chunks).toString(),
        remotePort: incoming.socket.remotePort,
      };
      requests.push(request);
      Promise.resolve(handler(request, response)).catch((error: unknown) => {
        response.writeHead(599).end(String(error));
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    baseUrl: `${origin}/scim/v2`,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export function sendJson(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { "content-type": "application/scim+json", "content-length": Buffer.byteLength(text), ...headers });
  response.end(text);
}

/** A server's view of `?startIndex=&count=&filter=` (1-based startIndex, as the RFC says). */
export function pagingOf(url: string): { startIndex: number; count: number | undefined; filter: string | null } {
  const query = new URL(url, "http://fake").searchParams;
  const count = query.get("count");
  return { startIndex: Number(query.get("startIndex") ?? 1), count: count === null ? undefined : Number(count), filter: query.get("filter") };
}

export function fakeUser(index: number): { id: string; userName: string } {
  return { id: `id-${index}`, userName: `user${index}@example.com` };
}
