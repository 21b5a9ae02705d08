/**
 * `npm start` supervises what it started: a provisioning worker that dies is restarted with backoff while the
 * web keeps answering; a worker that keeps dying, or a web server that dies, stops everything and `npm start`
 * exits non-zero instead of hanging. Each test runs the real `npm start` (the production build the e2e server
 * uses) with a database, data folder and ports of its own, and kills its children with SIGKILL, as the kernel's
 * out-of-memory killer would. Everything stays on 127.0.0.1.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { expect, test } from "@playwright/test";
import pg from "pg";
import psList from "ps-list";
import { findFreePort } from "../scripts/free-port";
import { databaseUrl, startTestDatabaseServer, withAdminClient, type TestDatabaseServer } from "../scripts/testing/test-database-server";

const root = path.resolve(fileURLToPath(new URL("..", import.meta.url)));
const WORKER_SCRIPT = path.join(root, "scripts/worker.ts");
const WEB_SCRIPT = path.join(root, "scripts/web-server.ts");

interface Started {
  child: ChildProcess;
  port: number;
  sandboxPort: number;
  databaseUrl: string;
  output(): string;
  exited: Promise<number | null>;
}

let server: TestDatabaseServer;
const cleanups: (() => Promise<unknown>)[] = [];

test.beforeAll(async () => {
  server = await startTestDatabaseServer("e2e-supervise");
});

test.afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => {});
});

test.afterAll(async () => {
  await server.stop();
});

/** Starts `npm start` on a database and data folder of its own, and resolves once it says it is running. */
async function npmStart(): Promise<Started> {
  const database = `roster_e2e_supervise_${randomBytes(4).toString("hex")}`;
  await withAdminClient(server.adminUrl, (client) => client.query(`CREATE DATABASE "${database}"`));
  const dataDir = mkdtempSync(path.join(tmpdir(), "roster-supervise-"));
  const port = await findFreePort();
  const url = databaseUrl(server.adminUrl, database);
  const child = spawn(process.execPath, [path.join(root, "node_modules/tsx/dist/cli.mjs"), "--conditions=react-server", "scripts/start.ts"], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: url, ROSTER_DATA_DIR: dataDir, PORT: String(port), SANDBOX_PORT: String(await findFreePort()), HOST: "127.0.0.1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  cleanups.push(async () => {
    // Whatever the test left running: npm start and every process under it, even if npm start hangs.
    const left = await descendants(child.pid!);
    child.kill("SIGKILL");
    for (const entry of left) killQuietly(entry.pid);
    rmSync(dataDir, { recursive: true, force: true });
    await withAdminClient(server.adminUrl, (client) => client.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`));
  });
  await expect.poll(() => output, { timeout: 180_000, message: "npm start says it is running" }).toContain("Roster is running at");
  const sandboxPort = Number(/Sync endpoint http:\/\/127\.0\.0\.1:(\d+)/.exec(output)?.[1]);
  expect(sandboxPort).toBeGreaterThan(0);
  return { child, port, sandboxPort, databaseUrl: url, output: () => output, exited };
}

/** Every process below `pid`, with its command line. */
async function descendants(pid: number) {
  const all = await psList({ all: true });
  const found = new Set([pid]);
  for (let grew = true; grew;) {
    grew = false;
    for (const entry of all) {
      if (found.has(entry.ppid) && !found.has(entry.pid)) {
        found.add(entry.pid);
        grew = true;
      }
    }
  }
  return all.filter((entry) => entry.pid !== pid && found.has(entry.pid));
}

/** The pid of the one running process under `npm start` whose command runs `script`, or undefined. */
async function childRunning(started: Started, script: string): Promise<number | undefined> {
  const matches = (await descendants(started.child.pid!)).filter((entry) => entry.cmd?.includes(script) && isAlive(entry.pid));
  return matches.length === 1 ? matches[0]!.pid : undefined;
}

/** Waits for a process under `npm start` running `script` that is not one of `seen`, and returns its pid. */
async function waitForChild(started: Started, script: string, seen: readonly number[] = []): Promise<number> {
  let pid: number | undefined;
  await expect
    .poll(async () => ((pid = await childRunning(started, script)) !== undefined && !seen.includes(pid) ? pid : undefined), {
      timeout: 30_000,
      message: `a new ${path.basename(script)}`,
    })
    .toBeDefined();
  return pid!;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function killQuietly(pid: number) {
  try {
    process.kill(pid, "SIGKILL");
  } catch {
    // already gone
  }
}

/** Ids of workers that beat after `since`. */
async function workersBeatingSince(url: string, since: Date): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ worker_id: string }>("SELECT worker_id FROM worker_heartbeats WHERE seen_at > $1", [since]);
    return rows.map((row) => row.worker_id);
  } finally {
    await client.end();
  }
}

/** True when a TCP connection to 127.0.0.1:port is accepted. */
function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: "127.0.0.1", port });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

/** The exit code, or "still running" when `npm start` has not exited within `ms`. */
function exitWithin(started: Started, ms: number): Promise<number | null | "still running"> {
  return Promise.race([started.exited, new Promise<"still running">((resolve) => setTimeout(() => resolve("still running"), ms))]);
}

/** Asks /api/health over and over until stopped; returns how many answers came and which were not 200. */
function pollHealth(port: number) {
  let running = true;
  const failures: string[] = [];
  let answers = 0;
  const loop = (async () => {
    while (running) {
      try {
        const response = await fetch(`http://127.0.0.1:${port}/api/health`, { signal: AbortSignal.timeout(5_000) });
        if (response.status !== 200) failures.push(`HTTP ${response.status}`);
      } catch (error) {
        failures.push(String(error));
      }
      answers++;
    }
  })();
  return async () => {
    running = false;
    await loop;
    return { answers, failures };
  };
}

test("a worker killed with SIGKILL is restarted after saying so, beats again, and the web answers throughout", async () => {
  test.setTimeout(300_000);
  const started = await npmStart();
  const first = await waitForChild(started, WORKER_SCRIPT);
  await expect.poll(() => workersBeatingSince(started.databaseUrl, new Date(0))).not.toHaveLength(0);
  const before = new Set(await workersBeatingSince(started.databaseUrl, new Date(0)));

  const stopHealth = pollHealth(started.port);
  const killedAt = new Date();
  process.kill(first, "SIGKILL");

  await expect.poll(() => started.output()).toContain("The provisioning worker stopped (killed by SIGKILL); restarting it in 1 s.");
  await waitForChild(started, WORKER_SCRIPT, [first]);
  expect(isAlive(first)).toBe(false);
  // The new worker's own workers beat: ids that were not there before the kill.
  await expect
    .poll(async () => (await workersBeatingSince(started.databaseUrl, killedAt)).filter((id) => !before.has(id)), { timeout: 30_000 })
    .not.toHaveLength(0);

  const health = await stopHealth();
  expect(health.failures).toEqual([]);
  expect(health.answers).toBeGreaterThan(0);
  expect(await exitWithin(started, 0)).toBe("still running");
});

test("a worker that keeps dying makes npm start say so in one sentence, stop everything and exit non-zero", async () => {
  test.setTimeout(300_000);
  const started = await npmStart();
  await waitForChild(started, WORKER_SCRIPT);
  const startedProcesses = (await descendants(started.child.pid!)).map((entry) => entry.pid);
  const killed: number[] = [];
  // Kill every worker as soon as it appears, until npm start gives up (restarts after 1, 2, 4 and 8 s: about 15 s).
  const deadline = Date.now() + 90_000;
  while ((await exitWithin(started, 100)) === "still running" && killed.length < 10 && Date.now() < deadline) {
    const worker = await childRunning(started, WORKER_SCRIPT);
    if (worker !== undefined && !killed.includes(worker)) {
      process.kill(worker, "SIGKILL");
      killed.push(worker);
    }
  }
  expect(await exitWithin(started, 0)).toBe(1);
  expect(killed).toHaveLength(5);
  const output = started.output();
  for (const delay of [1, 2, 4, 8]) expect(output).toContain(`The provisioning worker stopped (killed by SIGKILL); restarting it in ${delay} s.`);
  expect(output).toContain(
    "The provisioning worker stopped 5 times within 2 minutes (the last time killed by SIGKILL), so Roster is stopping; see the worker's output above.",
  );
  // Nothing is left behind: no process it started (the web server among them), and the web and sandbox ports are free.
  expect(startedProcesses.filter(isAlive)).toEqual([]);
  expect(await accepts(started.port)).toBe(false);
  expect(await accepts(started.sandboxPort)).toBe(false);
});

test("a web server killed with SIGKILL makes npm start stop everything and exit non-zero within seconds", async () => {
  test.setTimeout(240_000);
  const started = await npmStart();
  const web = await waitForChild(started, WEB_SCRIPT);
  await waitForChild(started, WORKER_SCRIPT);
  const startedProcesses = (await descendants(started.child.pid!)).map((entry) => entry.pid);
  process.kill(web, "SIGKILL");

  expect(await exitWithin(started, 15_000)).toBe(1);
  expect(started.output()).toContain("The web server stopped unexpectedly (killed by SIGKILL); stopping Roster.");
  // Nothing is left behind: no process it started (the worker among them), and the web and sandbox ports are free.
  expect(startedProcesses.filter(isAlive)).toEqual([]);
  expect(await accepts(started.port)).toBe(false);
  expect(await accepts(started.sandboxPort)).toBe(false);
});
