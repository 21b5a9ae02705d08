/**
 * One slow app cannot stop the others (#14): an app whose server sends status and headers at once
 * and then its body one byte a second keeps as many of its jobs running as it may (its lanes and a
 * sync run's two), and another app's edit still reaches that app within 2 s; the slow app's
 * attempts end logged as failed because the app answered too slowly. Real worker process, real
 * sandbox, and a real hostile server on loopback in front of a second sandbox (it passes requests
 * on while the apps are set up, then starts trickling).
 */
import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { performance } from "node:perf_hooks";
import { afterAll, beforeAll, expect, it, vi } from "vitest";
import { db } from "../../db";
import { updateUser } from "../../directory/users/save-user";
import { userInput } from "../../directory/schemas/user";
import { RUN_LANES } from "../../queue/jobs";
import { startSandbox, type RunningSandbox } from "../../sandbox";
import { makeActiveApp } from "../../testing/active-app";
import { makeOrganization, makePerson } from "../../testing/make-organization";
import { eventually, startWorker, type WorkerProcess } from "../../../scripts/testing/worker-process";
import { startSyncRun } from "./sync-runs";

const SLOW_PEOPLE = 40;
const APP_LANES = 3;
const TIMEOUT_MS = 3_000;

interface HostileServer {
  origin: string;
  /** From now on, answer every request with 200 and headers at once, then one byte of body a second. */
  startTrickling(): void;
  /** Requests being trickled to right now. */
  trickling(): number;
  close(): Promise<void>;
}

/** Passes every request on to `upstream` until told to trickle. */
async function startHostileServer(upstream: string): Promise<HostileServer> {
  let trickle = false;
  let open = 0;
  const forward = (req: IncomingMessage, res: ServerResponse) => {
    const onward = httpRequest(
      new URL(req.url ?? "/", upstream),
      { method: req.method, headers: { ...req.headers, host: new URL(upstream).host } },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    onward.on("error", () => res.destroy());
    req.pipe(onward);
  };
  const server = createServer((req, res) => {
    if (!trickle) return forward(req, res);
    req.resume();
    open += 1;
    res.writeHead(200, { "content-type": "application/scim+json", "content-length": "100000" });
    res.write("{");
    const drip = setInterval(() => res.write(" "), 1_000);
    res.on("close", () => {
      clearInterval(drip);
      open -= 1;
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    startTrickling: () => (trickle = true),
    trickling: () => open,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

let fast: RunningSandbox;
let slowUpstream: RunningSandbox;
let hostile: HostileServer;
let worker: WorkerProcess | undefined;

beforeAll(async () => {
  vi.stubEnv("ROSTER_ALLOW_PRIVATE_TARGETS", "1");
  fast = await startSandbox({ quiet: true, token: "isolation-fast-token-01" });
  slowUpstream = await startSandbox({ quiet: true, token: "isolation-slow-token-01" });
  hostile = await startHostileServer(slowUpstream.origin);
});
afterAll(async () => {
  await worker?.stop("SIGKILL");
  await hostile.close();
  await Promise.all([fast.close(), slowUpstream.close()]);
});

/** The slow app's jobs that a worker holds now, and those waiting for a free lane. */
async function jobsOf(appId: string) {
  const [row] = await db.$queryRaw<{ running: number; waiting: number; batches: number }[]>`
    SELECT count(*) FILTER (WHERE jobs.locked_by IS NOT NULL)::int AS running, count(*) FILTER (WHERE jobs.locked_by IS NULL)::int AS waiting,
      count(*) FILTER (WHERE jobs.locked_by IS NOT NULL AND tasks.identifier = 'reconcile-batch')::int AS batches
    FROM graphile_worker._private_jobs AS jobs JOIN graphile_worker._private_tasks AS tasks ON tasks.id = jobs.task_id
    WHERE jobs.payload->>'appId' = ${appId}`;
  return row!;
}

it("keeps a trickling app to its own share of the worker: another app's edit arrives within 2 s, the slow app's attempts fail as too slow", async () => {
  const organizationId = (await makeOrganization("Isolation Co")).id;
  const owner = await makePerson(organizationId, { role: "OWNER", email: "owner@isolation.example" });
  const context = { organizationId, actor: { id: owner.id, label: owner.email }, ip: null };
  const fastApp = await makeActiveApp(fast, context);
  const slowApp = await makeActiveApp({ baseUrl: `${hostile.origin}${new URL(slowUpstream.baseUrl).pathname}`, token: slowUpstream.token }, context);

  await db.user.createMany({
    data: Array.from({ length: SLOW_PEOPLE }, (_, i) => ({
      organizationId,
      email: `slow${i}@isolation.example`,
      firstName: "Slow",
      lastName: `${i}`,
      title: "Clerk",
    })),
  });
  const slowPeople = await db.user.findMany({ where: { organizationId, email: { startsWith: "slow" } }, select: { id: true, email: true, lastName: true } });
  await db.assignment.createMany({ data: slowPeople.map((person) => ({ appId: slowApp, userId: person.id })) });
  const farid = await db.user.create({
    data: { organizationId, email: "farid@isolation.example", firstName: "Farid", lastName: "Haddad", title: "Accountant" },
    select: { id: true, email: true },
  });
  await db.assignment.create({ data: { appId: fastApp, userId: farid.id } });

  // Both apps provisioned while the slow app's server still answers properly.
  worker = startWorker({ WORKER_CONCURRENCY: "16", WORKER_APP_LANES: String(APP_LANES), ROSTER_SCIM_TIMEOUT_MS: String(TIMEOUT_MS) });
  await startSyncRun(organizationId, slowApp, context);
  await startSyncRun(organizationId, fastApp, context);
  await eventually(async () => (await db.account.count({ where: { appId: { in: [slowApp, fastApp] }, remoteId: { not: null } } })) === SLOW_PEOPLE + 1, {
    timeoutMs: 60_000,
    intervalMs: 200,
    what: "both apps' accounts",
  });
  expect(slowUpstream.store.users.size).toBe(SLOW_PEOPLE);

  // The slow app's server starts trickling; every one of its people is edited, and a Sync now started over them.
  hostile.startTrickling();
  const trickleFrom = new Date();
  for (const person of slowPeople) {
    await updateUser(person.id, userInput.parse({ email: person.email, firstName: "Slow", lastName: person.lastName, title: "Senior Clerk" }), context);
  }
  await startSyncRun(organizationId, slowApp, context);
  await eventually(async () => hostile.trickling() >= APP_LANES && (await jobsOf(slowApp)).running >= APP_LANES + 1, {
    timeoutMs: 30_000,
    what: "the slow app to fill its lanes and a run lane",
  });

  // Another app's edit, from its commit to the app having it.
  await updateUser(farid.id, userInput.parse({ email: farid.email, firstName: "Farid", lastName: "Haddad", title: "Head of Finance" }), context);
  const committedAt = performance.now();
  await eventually(async () => fast.store.users.all().some((user) => user.attributes.externalId === farid.id && user.attributes.title === "Head of Finance"), {
    timeoutMs: 60_000,
    intervalMs: 10,
    what: "the fast app's edit to reach its app",
  });
  const propagationMs = performance.now() - committedAt;
  expect(propagationMs).toBeLessThanOrEqual(2_000);

  // All the while the slow app held at most its lanes and a run's two, with work still waiting for them.
  const slow = await jobsOf(slowApp);
  expect(slow.running).toBeLessThanOrEqual(APP_LANES + RUN_LANES);
  expect(slow.batches).toBeLessThanOrEqual(RUN_LANES);
  expect(slow.waiting).toBeGreaterThan(0);

  // The slow app's attempts end as failures, each saying the app answered too slowly.
  const attempts = () =>
    db.operation.findMany({ where: { appId: slowApp, createdAt: { gte: trickleFrom } }, select: { status: true, errorKind: true, message: true } });
  await eventually(async () => (await attempts()).length >= APP_LANES, { timeoutMs: 150_000, intervalMs: 1_000, what: "the slow app's attempts to end" });
  for (const attempt of await attempts()) {
    expect(attempt).toMatchObject({ status: "FAILED", errorKind: "timeout", message: expect.stringMatching(/answered too slowly/i) });
  }
}, 300_000);
