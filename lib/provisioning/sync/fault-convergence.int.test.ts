/**
 * A sync against an app that fails a third of the time (20 % 500/503, 10 % 429
 * with Retry-After, 5 % requests that hang) still converges to exactly the
 * expected accounts, with no duplicates and no quarantine.
 */
import { afterAll, beforeAll, expect, it, vi } from "vitest";
import { db } from "../../db";
import { startSandbox, type RunningSandbox } from "../../sandbox";
import { makeActiveApp } from "../../testing/active-app";
import { makeOrganization, makePerson } from "../../testing/make-organization";
import { eventually, startWorker, type WorkerProcess } from "../../../scripts/testing/worker-process";
import { startSyncRun } from "./sync-runs";

const PEOPLE = 100;
let sandbox: RunningSandbox;
let worker: WorkerProcess | undefined;

beforeAll(async () => {
  vi.stubEnv("ROSTER_ALLOW_PRIVATE_TARGETS", "1");
  sandbox = await startSandbox({ quiet: true, token: "fault-token-0001" });
});
afterAll(async () => {
  await worker?.stop("SIGKILL");
  await sandbox.close();
});

it("converges under 500/503, 429 and hanging requests, with no duplicates and no quarantine", async () => {
  const organizationId = (await makeOrganization("Faulty Co")).id;
  const owner = await makePerson(organizationId, { role: "OWNER", email: "owner@faulty.example" });
  const context = { organizationId, actor: { id: owner.id, label: owner.email }, ip: null };
  const appId = await makeActiveApp(sandbox, context, { maxConcurrency: 8, maxRequestsPerSecond: 10_000 });
  sandbox.faults.set({ serverErrorRate: 0.2, rateLimitRate: 0.1, retryAfterSeconds: 1, hangRate: 0.05, hangMs: 1500, seed: 7 });

  await db.user.createMany({
    data: Array.from({ length: PEOPLE }, (_, i) => ({ organizationId, email: `p${i}@faulty.example`, firstName: "P", lastName: `${i}`, title: `Title ${i}` })),
  });
  const people = await db.user.findMany({ where: { organizationId, role: null }, select: { id: true, email: true } });
  await db.assignment.createMany({ data: people.map((person) => ({ appId, userId: person.id })) });
  const run = await startSyncRun(organizationId, appId, context);

  // Short client timeouts, so hanging requests are given up quickly and retried.
  worker = startWorker({ WORKER_CONCURRENCY: "8", ROSTER_SCIM_TIMEOUT_MS: "1000" });
  await eventually(async () => (await db.account.count({ where: { appId, state: "ACTIVE", remoteId: { not: null } } })) === PEOPLE, {
    timeoutMs: 180_000,
    intervalMs: 500,
    what: "every account under faults",
  });
  sandbox.faults.set({});
  await eventually(async () => sandbox.store.users.size === PEOPLE, { timeoutMs: 10_000, what: "hung creates to settle" });

  const remote = sandbox.store.users.all();
  expect(remote).toHaveLength(PEOPLE);
  const byUserName = new Map(remote.map((user) => [String(user.attributes.userName), user]));
  for (const person of people) {
    const account = byUserName.get(person.email);
    expect(account?.attributes).toMatchObject({ externalId: person.id, active: true, title: expect.stringMatching(/^Title \d+$/) });
  }
  // The run's progress reaches its end: every person counted, none twice over the total.
  await eventually(async () => (await db.syncRun.findUniqueOrThrow({ where: { id: run.id }, select: { status: true } })).status === "COMPLETED", {
    what: "the sync run to complete",
  });
  expect(await db.syncRun.findUniqueOrThrow({ where: { id: run.id }, select: { done: true, total: true } })).toEqual({ done: PEOPLE, total: PEOPLE });
  expect((await db.app.findUniqueOrThrow({ where: { id: appId }, select: { state: true } })).state).toBe("ACTIVE");
  const stats = sandbox.stats.snapshot();
  expect((stats.faults["500"] ?? 0) + (stats.faults["503"] ?? 0)).toBeGreaterThan(0);
  expect(stats.faults["429"] ?? 0).toBeGreaterThan(0);
  expect(stats.faults.hang ?? 0).toBeGreaterThan(0);
}, 240_000);
