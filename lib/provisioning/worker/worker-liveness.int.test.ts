/**
 * Workers say they are alive on a heartbeat, and the jobs of a worker that
 * stopped saying so (killed, crashed) go to the others within seconds. A job
 * that simply runs long must stay with its live worker: run twice at once, an
 * import would count half its work and a sync batch would repeat its lookups.
 * The limits are shortened here so that "long" fits in a test.
 */
import { afterAll, beforeAll, expect, it, vi } from "vitest";
import { db } from "../../db";
import { startSandbox, type RunningSandbox } from "../../sandbox";
import { makeActiveApp } from "../../testing/active-app";
import { makeOrganization, makePerson } from "../../testing/make-organization";
import { eventually, startWorker, type WorkerProcess } from "../../../scripts/testing/worker-process";
import { enqueueReconcile } from "../../queue/mark-for-reconcile";

const LIVENESS = { WORKER_HEARTBEAT_MS: "250", WORKER_STALE_AFTER_SECONDS: "1", WORKER_QUIET: "0", WORKER_CONCURRENCY: "4" };
/** Each SCIM answer takes this long, so one person's reconcile (look up twice, then create) runs for several stale limits. */
const LATENCY_MS = 1_200;

let sandbox: RunningSandbox;
const workers: WorkerProcess[] = [];

beforeAll(async () => {
  vi.stubEnv("ROSTER_ALLOW_PRIVATE_TARGETS", "1");
  sandbox = await startSandbox({ quiet: true, token: "liveness-token-01", faults: { latencyMs: LATENCY_MS } });
});
afterAll(async () => {
  await Promise.all(workers.map((worker) => worker.stop("SIGKILL")));
  await sandbox.close();
});

async function onePersonToCreate(name: string) {
  const organizationId = (await makeOrganization(name)).id;
  const owner = await makePerson(organizationId, { role: "OWNER", email: `owner@${name.toLowerCase()}.example` });
  const context = { organizationId, actor: { id: owner.id, label: owner.email }, ip: null };
  const appId = await makeActiveApp(sandbox, context);
  const person = await makePerson(organizationId, { email: `slow.person@${name.toLowerCase()}.example` });
  await db.assignment.create({ data: { appId, userId: person.id } });
  await db.$transaction((tx) => enqueueReconcile(tx, [appId], [person.id]));
  return { appId, person };
}

const remoteUsers = (email: string) => sandbox.store.users.all().filter((user) => user.attributes.userName === email);

it("leaves a long job with its live worker: it runs once", async () => {
  const { appId, person } = await onePersonToCreate("Patient");
  const worker = startWorker(LIVENESS);
  workers.push(worker);

  await eventually(async () => (await db.account.findFirst({ where: { appId, userId: person.id, remoteId: { not: null } } })) !== null, {
    timeoutMs: 30_000,
    what: "the account",
  });
  await eventually(async () => /Completed task \d+ \(reconcile/.test(worker.output()), { what: "the job to finish" });
  expect(worker.output()).not.toContain("stopped responding");
  expect(worker.output()).not.toMatch(/attempt 2/);
  expect(remoteUsers(person.email)).toHaveLength(1);
  expect(await db.operation.count({ where: { appId, userId: person.id } })).toBe(1);
  await worker.stop();
}, 60_000);

it("gives a killed worker's job to another worker within seconds", async () => {
  const { appId, person } = await onePersonToCreate("Killed");
  const first = startWorker(LIVENESS);
  workers.push(first);
  // Killed while the job is in its first request: the job stays locked by a worker that no longer beats.
  await eventually(
    async () =>
      (await db.$queryRaw<{ locked: boolean }[]>`SELECT locked_by IS NOT NULL AS locked FROM graphile_worker._private_jobs`).some((job) => job.locked),
    {
      what: "the job to be taken",
    },
  );
  await first.stop("SIGKILL");

  const second = startWorker(LIVENESS);
  workers.push(second);
  await eventually(async () => (await db.account.findFirst({ where: { appId, userId: person.id, remoteId: { not: null } } })) !== null, {
    timeoutMs: 30_000,
    what: "the account, made by the second worker",
  });
  expect(second.output()).toContain("Released the jobs of 1 worker(s) that stopped responding.");
  expect(remoteUsers(person.email)).toHaveLength(1);
  await second.stop();
}, 60_000);
