/**
 * `npm start`: one command from a fresh clone to a running Roster.
 *
 * 1. the database: DATABASE_URL when set, else an embedded PostgreSQL in .data/;
 * 2. migrations, then the demo data once (printing the Owner's password that one time);
 * 3. the production build (skipped when nothing changed), served on PORT (3000),
 *    the provisioning worker beside it, and the bundled Atlassian-like SCIM sandbox
 *    (SANDBOX_PORT, 8790) for trying provisioning without a real Atlassian.
 * Ctrl-C stops everything it started, the embedded database last. A worker that
 * stops is restarted (superviseWorker); the web server stopping stops everything.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { ensureProductionBuild } from "./build-app";
import { DATA_DIR, loadOrCreateSecrets } from "./data-dir";
import { startEmbeddedDatabase, type EmbeddedDatabase } from "./embedded-database";
import { isPortInUse } from "./free-port";
import { localOrigin } from "./local-origin";
import { generatePrismaClient } from "./generate";
import { applyMigrations } from "./migrate";
import { WORKER_ARGS } from "./worker-command";
import type { RunningSandbox } from "../lib/sandbox";

const root = path.resolve(fileURLToPath(new URL("..", import.meta.url)));

class StartError extends Error {}

let web: ChildProcess | undefined;
let worker: ChildProcess | undefined;
let workerRestart: NodeJS.Timeout | undefined;
let embedded: EmbeddedDatabase | undefined;
let sandbox: RunningSandbox | undefined;
let stopping = false;

async function main() {
  const port = Number(process.env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new StartError(`PORT must be a number between 1 and 65535, not "${process.env.PORT}".`);
  if (await isPortInUse(port)) {
    throw new StartError(`Port ${port} is already in use by another program; stop it, or start Roster on another port with PORT=${port + 1} npm start.`);
  }

  const secrets = loadOrCreateSecrets();
  process.env.SESSION_SECRET ??= secrets.sessionSecret;
  process.env.ROSTER_ENCRYPTION_KEY ??= secrets.encryptionKey;

  if (process.env.DATABASE_URL) {
    await checkDatabaseUrl(process.env.DATABASE_URL);
    console.log(`Using the database at ${describeUrl(process.env.DATABASE_URL)}.`);
  } else {
    embedded = await startEmbeddedDatabase({ dataDir: path.join(DATA_DIR, "postgres"), password: secrets.databasePassword });
    process.env.DATABASE_URL = embedded.url;
    console.log(`Started the embedded PostgreSQL on port ${embedded.port} (data in .data/postgres).`);
  }
  // Validate the whole environment once, with the same rules the app uses.
  const { getEnv } = await import("../lib/env");
  getEnv();

  generatePrismaClient();
  const { applied } = await applyMigrations(process.env.DATABASE_URL, { log: (line) => console.log(line) });
  if (!applied.length) console.log("Database schema is up to date.");

  const { seedDemo } = await import("../prisma/seed");
  const seed = await seedDemo();
  if (seed.owner) printOwnerOnce(seed.owner);
  else console.log("Demo data already present; keeping it.");

  ensureProductionBuild();

  sandbox = await startDemoSandbox(secrets.sandboxToken, seed.seeded);
  superviseWorker();

  const webArgs = ["--import", "tsx", path.join(root, "scripts/web-server.ts"), "--port", String(port)];
  web = run("web", webArgs, { NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" }, (how) => {
    console.error(`The web server stopped unexpectedly (${how}); stopping Roster.`);
    void shutdown(1);
  });
  const { HOST, ROSTER_ALLOW_PRIVATE_TARGETS } = getEnv();
  const origin = localOrigin(HOST, port);
  await waitForHealth(`${origin}/api/health`, web);
  console.log(`\nRoster is running at ${origin}  (Ctrl-C to stop)`);
  console.log(`The Atlassian-like SCIM sandbox: Sync endpoint ${sandbox.baseUrl}  SCIM token ${sandbox.token}`);
  console.log(`${describePrivateTargets(sandbox, ROSTER_ALLOW_PRIVATE_TARGETS)}\n`);
}

/** The sandbox keeps its users in .data/sandbox.json; on the first start it is seeded from the demo directory. */
async function startDemoSandbox(token: string, freshDemo: boolean): Promise<RunningSandbox> {
  const { startSandbox } = await import("../lib/sandbox");
  const { demoSandboxUsers } = await import("../prisma/seed-sandbox");
  const { db } = await import("../lib/db");
  const people = await db.user.findMany({
    where: { role: null },
    orderBy: { lastName: "asc" },
    take: 20,
    select: { email: true, firstName: true, lastName: true, title: true, department: true },
  });
  const wanted = Number(process.env.SANDBOX_PORT ?? 8790);
  const port = (await isPortInUse(wanted)) ? 0 : wanted;
  const running = await startSandbox({ port, token, quiet: true, snapshotFile: path.join(DATA_DIR, "sandbox.json"), seedUsers: demoSandboxUsers(people) });
  // SCIM to private addresses is refused; the demo may reach exactly the sandbox's own address (the worker and web inherit it).
  const sandboxAddress = new URL(running.baseUrl).host;
  process.env.ROSTER_ALLOWED_PRIVATE_TARGETS = [process.env.ROSTER_ALLOWED_PRIVATE_TARGETS, sandboxAddress].filter(Boolean).join(",");
  if (freshDemo) {
    const { seedDemoApp } = await import("../prisma/seed-demo-app");
    await seedDemoApp(running, people);
  }
  return running;
}

function describePrivateTargets(running: RunningSandbox, allowAnyPrivateTarget: boolean): string {
  if (allowAnyPrivateTarget) {
    return "WARNING: ROSTER_ALLOW_PRIVATE_TARGETS is on, so SCIM tokens may be sent to any private or loopback address. Never use it in production.";
  }
  return `SCIM to private and loopback addresses is refused, except the demo sandbox at ${new URL(running.baseUrl).host} (ROSTER_ALLOWED_PRIVATE_TARGETS=${process.env.ROSTER_ALLOWED_PRIVATE_TARGETS}).`;
}

/**
 * How a worker that stops is restarted: after 1 s, then 2 s, 4 s … at most 30 s between tries, back to 1 s once
 * it has run for a minute. Stopping 5 times within 2 minutes means it cannot run here, and Roster stops.
 */
const WORKER_RESTARTS = { firstDelayMs: 1_000, maxDelayMs: 30_000, healthyAfterMs: 60_000, maxStops: 5, withinMs: 120_000 };

/** Runs the provisioning worker, restarting it with backoff whenever it stops (the web keeps serving meanwhile). */
function superviseWorker() {
  const stoppedAt: number[] = [];
  let stopsInARow = 0;
  const start = () => {
    if (stopping) return;
    const startedAt = Date.now();
    worker = run("worker", WORKER_ARGS, {}, (how) => {
      const now = Date.now();
      if (now - startedAt >= WORKER_RESTARTS.healthyAfterMs) stopsInARow = 0;
      stopsInARow++;
      stoppedAt.push(now);
      const recent = stoppedAt.filter((time) => time > now - WORKER_RESTARTS.withinMs);
      if (recent.length >= WORKER_RESTARTS.maxStops) {
        console.error(
          `The provisioning worker stopped ${recent.length} times within ${WORKER_RESTARTS.withinMs / 60_000} minutes (the last time ${how}), so Roster is stopping; see the worker's output above.`,
        );
        void shutdown(1);
        return;
      }
      const delayMs = Math.min(WORKER_RESTARTS.firstDelayMs * 2 ** (stopsInARow - 1), WORKER_RESTARTS.maxDelayMs);
      console.error(`The provisioning worker stopped (${how}); restarting it in ${delayMs / 1000} s.`);
      workerRestart = setTimeout(start, delayMs);
    });
  };
  start();
}

/** Starts a child with its output prefixed by its name; `onStop` hears how it stopped, unless Roster is stopping. */
function run(name: string, args: string[], env: Record<string, string>, onStop: (how: string) => void): ChildProcess {
  const child = spawn(process.execPath, args, { cwd: root, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  const prefix = `[${name}] `;
  const forward = (stream: NodeJS.WritableStream) => (chunk: Buffer) => stream.write(chunk.toString().replace(/^(?=.)/gm, prefix));
  child.stdout?.on("data", forward(process.stdout));
  child.stderr?.on("data", forward(process.stderr));
  child.on("exit", (code, signal) => {
    if (!stopping) onStop(code === null ? `killed by ${signal}` : `exit code ${code}`);
  });
  return child;
}

/** A child that exited by itself or was killed by a signal: `exitCode` stays null for the latter. */
function hasExited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

async function waitForHealth(url: string, child: ChildProcess): Promise<void> {
  for (let attempt = 0; attempt < 120 && !hasExited(child); attempt++) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new StartError("The web server did not become healthy within a minute; see its output above.");
}

async function checkDatabaseUrl(url: string): Promise<void> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new StartError("DATABASE_URL is not a valid URL; use the form postgresql://user:password@host:5432/database.");
  }
  if (!/^postgres(ql)?:$/.test(parsed.protocol)) {
    throw new StartError(`DATABASE_URL must start with postgresql://, not ${parsed.protocol}//.`);
  }
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  client.on("error", () => {});
  try {
    await client.connect();
    await client.query("SELECT 1");
  } catch (error) {
    const reason = (error as { code?: string; message?: string }).code ?? (error as Error).message;
    throw new StartError(`Could not connect to the database at ${describeUrl(url)} (${reason}); check DATABASE_URL, or unset it to use the embedded database.`);
  } finally {
    await client.end().catch(() => {});
  }
}

/** host:port/database, without the password. */
function describeUrl(url: string): string {
  const parsed = new URL(url);
  return `${parsed.hostname}:${parsed.port || 5432}${parsed.pathname}`;
}

function printOwnerOnce(owner: { email: string; password: string }) {
  const line = "─".repeat(64);
  console.log(
    `\n${line}\n  Demo organization created. Sign in as its Owner:\n\n    e-mail:    ${owner.email}\n    password:  ${owner.password}\n\n  This password is shown only now and is stored hashed; note it.\n${line}\n`,
  );
}

/** Stops everything this script started, each step within a bound, so stopping never hangs. */
async function shutdown(code: number) {
  if (stopping) return;
  stopping = true;
  clearTimeout(workerRestart);
  await Promise.all([web, worker].map((child) => child && stopChild(child)));
  await withinMs(5_000, sandbox?.close());
  if (embedded) {
    const stopped = await withinMs(15_000, embedded.stop());
    console.log(stopped ? "Stopped the embedded PostgreSQL." : "The embedded PostgreSQL did not stop within 15 s; the next npm start stops it first.");
  }
  process.exit(code);
}

/** SIGTERM, then SIGKILL after 5 s; a child that has already exited, by code or by signal, is not waited for. */
async function stopChild(child: ChildProcess): Promise<void> {
  if (hasExited(child)) return;
  const exited = once(child, "exit");
  child.kill("SIGTERM");
  if (await withinMs(5_000, exited)) return;
  child.kill("SIGKILL");
  await withinMs(2_000, exited);
}

/** Waits for `promise` at most `ms`; true when it settled in time (a rejection counts: there is nothing left to wait for). */
async function withinMs(ms: number, promise: Promise<unknown> | undefined): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
  try {
    return await Promise.race([
      (promise ?? Promise.resolve()).then(
        () => true,
        () => true,
      ),
      timedOut,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

process.on("SIGINT", () => void shutdown(0));
process.on("SIGTERM", () => void shutdown(0));

main().catch(async (error: unknown) => {
  const known = error instanceof StartError || (error instanceof Error && /Error$/.test(error.name) && error.name !== "Error");
  console.error(known || error instanceof Error ? (error as Error).message : String(error));
  await shutdown(1);
});
