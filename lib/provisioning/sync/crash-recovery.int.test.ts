/**
 * A sync of 2,000 people, with the worker killed (SIGKILL) half-way and
 * started again: every person ends up with exactly one account in the app,
 * and every account is accounted for in the log.
 */
import { afterAll, beforeAll, expect, it, vi } from "vitest";
import { db } from "../../db";
import { startSandbox, type RunningSandbox } from "../../sandbox";
import { makeActiveApp } from "../../testing/active-app";
import { makeOrganization, makePerson } from "../../testing/make-organization";
import { eventually, startWorker, type WorkerProcess } from "../../../scripts/testing/worker-process";
import { startSyncRun } from "./sync-runs";

const PEOPLE = 2000;
let sandbox: RunningSandbox;
let workers: WorkerProcess[] = [];

beforeAll(async () => {
  vi.stubEnv("ROSTER_ALLOW_PRIVATE_TARGETS", "1");
  // A little latency, so the kill lands in the middle of requests.
  sandbox = await startSandbox({ quiet: true, token: "crash-token-0001", faults: { latencyRangeMs: [2, 15] } });
});
afterAll(async () => {
  await Promise.all(workers.map((worker) => worker.stop("SIGKILL")));
  await sandbox.close();
});

it("survives a worker killed mid-sync: exactly 2,000 remote users, no duplicates, all logged", async () => {
  const organizationId = (await makeOrganization("Crash Co")).id;
  const owner = await makePerson(organizationId, { role: "OWNER", email: "owner@crash.example" });
  const context = { organizationId, actor: { id: owner.id, label: owner.email }, ip: null };
  const appId = await makeActiveApp(sandbox, context, { maxConcurrency: 16, maxRequestsPerSecond: 10_000 });

  await db.user.createMany({
    data: Array.from({ length: PEOPLE }, (_, i) => ({ organizationId, email: `person${i}@crash.example`, firstName: "Person", lastName: `${i}` })),
  });
  const people = await db.user.findMany({ where: { organizationId, role: null }, select: { id: true } });
  await db.assignment.createMany({ data: people.map((person) => ({ appId, userId: person.id })) });
  const run = await startSyncRun(organizationId, appId, context);
  expect(run.total).toBe(PEOPLE);

  const first = startWorker({ WORKER_CONCURRENCY: "16" });
  workers.push(first);
  await eventually(async () => sandbox.store.users.size >= 500, { timeoutMs: 60_000, what: "500 accounts before the kill" });
  await first.stop("SIGKILL");
  const atKill = sandbox.store.users.size;
  expect(atKill).toBeLessThan(PEOPLE);

  const second = startWorker({ WORKER_CONCURRENCY: "16" });
  workers.push(second);
  await eventually(async () => sandbox.store.users.size >= PEOPLE && (await db.account.count({ where: { appId, remoteId: { not: null } } })) === PEOPLE, {
    timeoutMs: 150_000,
    intervalMs: 500,
    what: "every account after the restart",
  });

  const remote = sandbox.store.users.all();
  expect(remote).toHaveLength(PEOPLE);
  expect(new Set(remote.map((user) => String(user.attributes.userName).toLowerCase())).size).toBe(PEOPLE);
  expect(new Set(remote.map((user) => user.attributes.externalId)).size).toBe(PEOPLE);

  // Each person's account came from exactly one logged CREATE, or one LINK where the kill came between the app's answer and our commit.
  const established = await db.operation.groupBy({ by: ["userId"], where: { appId, status: "SUCCEEDED", kind: { in: ["CREATE", "LINK"] } }, _count: true });
  expect(established).toHaveLength(PEOPLE);
  expect(established.every((row) => row._count === 1)).toBe(true);
  // The run's progress reaches its end: every person counted, none twice over the total.
  await eventually(async () => (await db.syncRun.findUniqueOrThrow({ where: { id: run.id }, select: { status: true } })).status === "COMPLETED", {
    what: "the sync run to complete",
  });
  expect(await db.syncRun.findUniqueOrThrow({ where: { id: run.id }, select: { done: true, total: true } })).toEqual({ done: PEOPLE, total: PEOPLE });
  const accounts = await db.account.findMany({ where: { appId }, select: { remoteId: true } });
  expect(new Set(accounts.map((account) => account.remoteId))).toEqual(new Set(remote.map((user) => user.id)));
}, 240_000);
