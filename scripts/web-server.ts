/**
 * The production web server, in place of `next start`: Next.js behind a
 * plain `node:http` server that decides who the client is while the socket
 * is still in view. Inside Next a client's `X-Forwarded-For` cannot be told
 * apart from a proxy's (Next fills the header in only when it is missing), so
 * here every forwarded header from a peer that is not in
 * ROSTER_TRUSTED_PROXIES is removed and replaced with the peer's own address
 * and scheme (lib/http/client-address.ts) before Next sees the request.
 *
 * Listens on HOST (127.0.0.1 unless set) and the port given as `--port`.
 * Run as `node --import tsx scripts/web-server.ts --port 3000` with
 * NODE_ENV=production, after `next build`.
 */
import { createServer } from "node:http";
import type { Socket } from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import next from "next";
import { applyClientAddress, type Connection } from "../lib/http/client-address";
import { getEnv, type Env } from "../lib/env";
import { localOrigin } from "./local-origin";

const root = path.resolve(fileURLToPath(new URL("..", import.meta.url)));

const { values } = parseArgs({ options: { port: { type: "string" } } });
const port = Number(values.port);
if (!Number.isInteger(port) || port < 1 || port > 65535) {
  console.error(`The web server needs --port with a number between 1 and 65535, not "${values.port ?? ""}".`);
  process.exit(1);
}

let env: Env;
try {
  env = getEnv();
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
const { HOST: hostname, ROSTER_TRUSTED_PROXIES: trustedProxies } = env;

function connectionOf(socket: Socket): Connection {
  return { remoteAddress: socket.remoteAddress, encrypted: "encrypted" in socket && Boolean(socket.encrypted) };
}

const app = next({ dev: false, dir: root, hostname, port });
const handle = app.getRequestHandler();

const server = createServer((req, res) => {
  applyClientAddress(connectionOf(req.socket), req.headers, trustedProxies);
  handle(req, res).catch((error: unknown) => {
    console.error(`Failed to handle request for ${req.url}`, error);
    if (!res.headersSent) res.statusCode = 500;
    res.end("Internal Server Error");
  });
});
// Upgrade requests (none in production today) get the same treatment before
// Next's own listener, which it adds on the first request, sees them.
server.on("upgrade", (req, socket: Socket) => {
  applyClientAddress(connectionOf(socket), req.headers, trustedProxies);
  if (server.listenerCount("upgrade") === 1) socket.destroy();
});

await app.prepare();
await new Promise<void>((resolve, reject) => {
  server.once("error", reject);
  server.listen(port, hostname, () => resolve());
});
// As `next start` does: Next reaches itself at this origin (a server action's redirect is rendered by a request to it).
const origin = localOrigin(hostname, port);
process.env.__NEXT_PRIVATE_ORIGIN = origin;
console.log(`Listening on ${origin}${trustedProxies.length ? `; forwarded headers trusted from ${trustedProxies.length} proxy range(s)` : ""}.`);

let stopping = false;
function stop(signal: NodeJS.Signals) {
  if (stopping) return;
  stopping = true;
  server.close();
  server.closeIdleConnections();
  app
    .close()
    .catch((error: unknown) => console.error(error))
    .finally(() => process.exit(signal === "SIGINT" ? 130 : 143));
}
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
