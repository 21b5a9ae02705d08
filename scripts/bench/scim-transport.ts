import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { Agent as HttpAgent, request as httpRequest } from "node:http";
import { pathToFileURL } from "node:url";
import { Agent as UndiciAgent } from "undici";

/**
 * CPU per request of the SCIM transport, this process only: `npm run bench -- scim-transport`.
 * A keep-alive HTTP server in a child process answers GET /scim/v2/Users/u1 with a small user;
 * each variant sends REQUESTS requests, CONCURRENCY at a time (the client's default), after a
 * warm-up, and the CPU this process used (user + system, `process.cpuUsage`) is divided by the
 * requests. Rounds alternate the variants, so load from other processes falls on all of them.
 *
 * - `node:http`: a keep-alive node:http Agent and `http.request`, reading the body as text: the core
 *   of the hand-written exchange the client used before #14.
 * - `undici`: an undici Agent and `agent.request`, reading the body as text: the core of today's exchange.
 * - `client`: the whole SCIM client (`users.get`: concurrency limit, retry wrapper, deadline, JSON
 *   and schema checks) from `lib/scim`.
 * - `client (other)`: the same from the module in SCIM_CLIENT_MODULE, when set: another checkout's
 *   `lib/scim/index.ts` (say, the one before #14, on node:http), to compare clients in one run.
 *
 * Prints one JSON line per variant with the median and range over the rounds.
 */

const CONCURRENCY = 4;
const REQUESTS = 10_000;
const WARMUP_REQUESTS = 10_000;
const ROUNDS = 7;
const TOKEN = "bench-token";

type Send = () => Promise<void>;
interface Variant {
  name: string;
  send: Send;
  close(): Promise<void>;
}

export async function run(): Promise<void> {
  const server = await startServer();
  const other = process.env.SCIM_CLIENT_MODULE;
  const variants = [nodeHttp(server.origin), undici(server.origin), await client(server.origin, "client", "../../lib/scim/index.ts")];
  if (other) variants.push(await client(server.origin, "client (other)", pathToFileURL(other).href));
  try {
    for (const variant of variants) await measure(variant.send, WARMUP_REQUESTS);
    const samples = new Map<string, number[]>(variants.map((variant) => [variant.name, []]));
    const rates = new Map<string, number[]>(variants.map((variant) => [variant.name, []]));
    for (let round = 0; round < ROUNDS; round += 1) {
      for (const variant of variants) {
        const { cpuUs, wallMs } = await measure(variant.send, REQUESTS);
        samples.get(variant.name)?.push(cpuUs / REQUESTS);
        rates.get(variant.name)?.push(REQUESTS / (wallMs / 1000));
      }
    }
    for (const variant of variants) {
      const perRequest = [...(samples.get(variant.name) ?? [])].sort((a, b) => a - b);
      const perSecond = [...(rates.get(variant.name) ?? [])].sort((a, b) => a - b);
      console.log(
        JSON.stringify({
          bench: "scim.transport",
          transport: variant.name,
          cpuUsPerRequest: { median: round1(median(perRequest)), min: round1(perRequest[0] ?? 0), max: round1(perRequest.at(-1) ?? 0) },
          requestsPerSec: Math.round(median(perSecond)),
          requests: REQUESTS,
          rounds: ROUNDS,
          concurrency: CONCURRENCY,
        }),
      );
    }
  } finally {
    for (const variant of variants) await variant.close();
    server.process.kill("SIGTERM");
    await once(server.process, "exit");
  }
}

async function measure(send: Send, requests: number): Promise<{ cpuUs: number; wallMs: number }> {
  let next = 0;
  const startedCpu = process.cpuUsage();
  const startedAt = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < requests) {
        next += 1;
        await send();
      }
    }),
  );
  const used = process.cpuUsage(startedCpu);
  return { cpuUs: used.user + used.system, wallMs: performance.now() - startedAt };
}

function nodeHttp(origin: string): Variant {
  const agent = new HttpAgent({ keepAlive: true, maxSockets: CONCURRENCY, timeout: 15_000 });
  const { hostname, port } = new URL(origin);
  const headers = { authorization: `Bearer ${TOKEN}`, accept: "application/scim+json, application/json" };
  return {
    name: "node:http",
    send: () =>
      new Promise((resolve, reject) => {
        const outgoing = httpRequest({ hostname, port, path: "/scim/v2/Users/u1", method: "GET", headers, agent }, (response) => {
          const chunks: Buffer[] = [];
          response.on("data", (chunk: Buffer) => chunks.push(chunk));
          response.on("end", () => {
            JSON.parse(Buffer.concat(chunks).toString("utf8"));
            resolve();
          });
          response.on("error", reject);
        });
        outgoing.on("error", reject);
        outgoing.end();
      }),
    close: async () => agent.destroy(),
  };
}

function undici(origin: string): Variant {
  const agent = new UndiciAgent({ connections: CONCURRENCY, pipelining: 1, keepAliveTimeout: 15_000, keepAliveTimeoutThreshold: 1_000 });
  const headers = { authorization: `Bearer ${TOKEN}`, accept: "application/scim+json, application/json" };
  return {
    name: "undici",
    send: async () => {
      const response = await agent.request({ origin, path: "/scim/v2/Users/u1", method: "GET", headers });
      JSON.parse(await response.body.text());
    },
    close: () => agent.close(),
  };
}

async function client(origin: string, name: string, from: string): Promise<Variant> {
  const module = (await import(from)) as typeof import("../../lib/scim/index.ts");
  const scim = module.createScimClient({ baseUrl: `${origin}/scim/v2`, token: TOKEN, concurrency: CONCURRENCY });
  return {
    name,
    send: async () => {
      await scim.users.get("u1");
    },
    // A client from before #14 has no close; its idle connections end with the process.
    close: async () => (scim as { close?: () => Promise<void> }).close?.(),
  };
}

/** A plain keep-alive server in its own process, so that its CPU is not counted here. */
async function startServer(): Promise<{ process: ChildProcess; origin: string }> {
  const code = `
    const body = JSON.stringify({ schemas: ["urn:ietf:params:scim:schemas:core:2.0:User"], id: "u1", userName: "ada@example.com",
      name: { givenName: "Ada", familyName: "Lovelace" }, emails: [{ value: "ada@example.com", type: "work", primary: true }], active: true });
    const server = require("node:http").createServer((request, response) => {
      request.resume();
      request.on("end", () => {
        response.writeHead(200, { "content-type": "application/scim+json", "content-length": Buffer.byteLength(body) });
        response.end(body);
      });
    });
    server.keepAliveTimeout = 60_000;
    server.listen(0, "127.0.0.1", () => console.log("port " + server.address().port));
  `;
  const child = spawn(process.execPath, ["-e", code], { stdio: ["ignore", "pipe", "inherit"] });
  let output = "";
  for await (const chunk of child.stdout ?? []) {
    output += String(chunk);
    const port = /port (\d+)/.exec(output)?.[1];
    if (port) return { process: child, origin: `http://127.0.0.1:${port}` };
  }
  throw new Error(`The benchmark server did not start:\n${output}`);
}

function median(sorted: number[]): number {
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

function round1(value: number): number {
  return Math.round(value * 10) / 10;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await run();
}
