/**
 * A Sync now run ends when everyone has had a first attempt. People whose attempt failed are
 * counted as failed and keep being retried in the background, without holding the run; when they
 * succeed later, the run's failures go down. An app that answers 429 for ever puts a pair off a
 * bounded number of times.
 */
import { afterAll, beforeAll, expect, it, vi } from "vitest";
import { db } from "../../db";
import { startSandbox, type RunningSandbox } from "../../sandbox";
import { makeActiveApp } from "../../testing/active-app";
import { makeOrganization, makePerson } from "../../testing/make-organization";
import { eventually, startWorker, type WorkerProcess } from "../../../scripts/testing/worker-process";
import { assignUsers } from "../../directory/assignments/assign-users";
import { startSyncRun } from "./sync-runs";

const MAX_DEFERRALS = 2;
let sandbox: RunningSandbox;
let worker: WorkerProcess;

beforeAll(async () => {
  vi.stubEnv("ROSTER_ALLOW_PRIVATE_TARGETS", "1");
  sandbox = await startSandbox({ quiet: true, token: "finishes-token-0001" });
  // Each 429 answer costs the client's own retries first, so the test puts a pair off twice, not the default 20 times.
  worker = startWorker({ WORKER_MAX_DEFERRALS: String(MAX_DEFERRALS) });
});
afterAll(async () => {
  await worker.stop("SIGKILL");
  await sandbox.close();
});

async function setUp(name: string, count: number) {
  const organizationId = (await makeOrganization(name)).id;
  const owner = await makePerson(organizationId, { role: "OWNER", email: `owner@${name.toLowerCase()}.example` });
  const context = { organizationId, actor: { id: owner.id, label: owner.email }, ip: null };
  const appId = await makeActiveApp(sandbox, context, { maxConcurrency: 4, maxRequestsPerSecond: 10_000 });
  const people = await Promise.all(Array.from({ length: count }, (_, i) => makePerson(organizationId, { email: `p${i}@${name.toLowerCase()}.example` })));
  return { organizationId, context, appId, people };
}

async function pendingReconciles(appId: string) {
  return db.$queryRaw<{ user_id: string; attempts: number; deferrals: number | null; last_error: string | null }[]>`
    SELECT jobs.payload->>'userId' AS user_id, jobs.attempts, (jobs.payload->>'deferrals')::int AS deferrals, jobs.last_error
    FROM graphile_worker._private_jobs AS jobs JOIN graphile_worker._private_tasks AS tasks ON tasks.id = jobs.task_id
    WHERE tasks.identifier = 'reconcile' AND jobs.payload->>'appId' = ${appId}`;
}

it("finishes when everyone has been tried, and counts a failure off when a retry succeeds later", async () => {
  const { organizationId, context, appId, people } = await setUp("Finishes", 4);
  await assignUsers(appId, { ids: people.map((person) => person.id) }, context);
  await eventually(async () => sandbox.store.users.size >= 4, { timeoutMs: 30_000, what: "the assignments to reach the app" });
  // The app now refuses every create: two new people can never be created while this lasts.
  sandbox.faults.set({ serverErrorRate: 1, methods: ["POST"] });
  const newcomers = await Promise.all([0, 1].map((i) => makePerson(organizationId, { email: `new${i}@finishes.example` })));
  await db.assignment.createMany({ data: newcomers.map((person) => ({ appId, userId: person.id })) });

  const run = await startSyncRun(organizationId, appId, context, { approved: true });
  const finished = await eventually(
    async () => {
      const state = await db.syncRun.findUniqueOrThrow({ where: { id: run.id }, select: { status: true, total: true, done: true, failed: true } });
      return state.status === "COMPLETED" ? state : undefined;
    },
    { timeoutMs: 30_000, intervalMs: 200, what: "the run to finish although two people keep failing" },
  );
  expect(finished).toEqual({ status: "COMPLETED", total: 6, done: 6, failed: 2 });
  // The two are still being retried in the background.
  expect(new Set((await pendingReconciles(appId)).map((job) => job.user_id))).toEqual(new Set(newcomers.map((person) => person.id)));

  sandbox.faults.set({});
  const recovered = await eventually(
    async () => {
      const state = await db.syncRun.findUniqueOrThrow({ where: { id: run.id }, select: { status: true, done: true, failed: true } });
      return state.failed === 0 ? state : undefined;
    },
    { timeoutMs: 45_000, intervalMs: 200, what: "the retries to succeed and the run's failures to go down" },
  );
  expect(recovered).toEqual({ status: "COMPLETED", done: 6, failed: 0 });
  expect(sandbox.store.users.size).toBe(6);
  expect(await db.syncRunPerson.count({ where: { syncRunId: run.id } })).toBe(6);
}, 120_000);

it("puts a pair off for the app's Retry-After a bounded number of times, then retries it as a failed attempt", async () => {
  const { appId, people, context } = await setUp("Deferred", 1);
  // An hour is past what the client waits for itself, so each 429 comes straight back as a deferral.
  sandbox.faults.set({ rateLimitRate: 1, retryAfterSeconds: 3_600 });
  try {
    await assignUsers(appId, { ids: [people[0]!.id] }, context);
    for (let deferral = 1; deferral <= MAX_DEFERRALS; deferral++) {
      await eventually(async () => (await pendingReconciles(appId)).some((job) => job.deferrals === deferral), {
        timeoutMs: 30_000,
        what: `deferral ${deferral} of the pair`,
      });
      const [job] = await pendingReconciles(appId);
      expect(job!.attempts).toBe(0); // Put off, not failed: a fresh job waiting for the app's hour.
      // The hour passes.
      await db.$executeRaw`UPDATE graphile_worker._private_jobs SET run_at = now() WHERE payload->>'appId' = ${appId}`;
    }
    // Past the bound, the next 429 is a failed attempt, retried with graphile-worker's backoff and its attempt limit.
    const [failed] = (await eventually(
      async () => {
        const jobs = await pendingReconciles(appId);
        return jobs.length === 1 && jobs[0]!.attempts === 1 && jobs[0]!.last_error ? jobs : undefined;
      },
      { timeoutMs: 30_000, what: "the attempt past the bound to fail" },
    ))!;
    expect(failed!.user_id).toBe(people[0]!.id);
    expect(failed!.deferrals).toBe(MAX_DEFERRALS);
  } finally {
    sandbox.faults.set({});
  }
}, 90_000);
