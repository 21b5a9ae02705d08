/**
 * The sync engine end to end: a real worker process, PostgreSQL and the
 * sandbox in its own process. Prints three lines:
 *  - sync.initial: 10,000 assigned people synced for the first time, users/s,
 *    against the sandbox's raw POST /Users capacity measured in the same run
 *    (autocannon with as many connections as the worker's concurrency, before and
 *    after the sync, averaged: this machine's speed drifts), the worker's peak
 *    memory, and the CPU each process spent per person (`cpuUsPerUser`: worker,
 *    sandbox, database, bench), which shows where the machine's cores went.
 *    Both sides are warmed up first, as in the scim bench: the sandbox by an
 *    unmeasured autocannon round, the worker by an unmeasured sync of other
 *    people (a long-running worker has its code optimised);
 *  - sync.latency50ms: the same with 50 ms added to every SCIM answer (2,000 people);
 *  - sync.propagation: from a committed directory edit to the app having it;
 *  - sync.propagationDuringSync: the same for single edits made while a 10,000-person Sync now of
 *    the same app runs against the sandbox with 50 ms latency, spread over the run (each edit counts
 *    only if the run's `done < total` when it is committed). Where an edit's time goes: `jobWait*`
 *    from the commit to a worker taking its job (or the job gone: a batch sent it first), and
 *    `requestP95Ms` its own request as logged (the app client's queue included).
 */
import { readFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { measureSandbox, reset, startSandboxProcess } from "./scim";
import { percentile, withBenchDatabase } from "./support/bench-database";
import { cpuPerUnit, readCpu } from "./support/process-cpu";
import { startWorker, type WorkerProcess } from "../testing/worker-process";

const USERS = 10_000;
const LATENCY_USERS = 2_000;
const WARMUP_USERS = 2_000;
const EDITS = 40;
const DURING_SYNC_USERS = 10_000;
const DURING_SYNC_EDITS = 40;
const CONCURRENCY = 32;

function peakRssMb(pid: number | undefined): number | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const kb = Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1]);
    return Math.round(kb / 1024);
  } catch {
    return null;
  }
}

export async function run(): Promise<void> {
  const sandbox = await startSandboxProcess();
  let worker: WorkerProcess | undefined;
  try {
    await measureSandbox(sandbox.baseUrl, 2, CONCURRENCY);
    await reset(sandbox.origin);
    const sandboxBefore = await measureSandbox(sandbox.baseUrl, 5, CONCURRENCY);
    await reset(sandbox.origin);

    await withBenchDatabase(async () => {
      process.env.ROSTER_ALLOW_PRIVATE_TARGETS = "1";
      const { db } = await import("../../lib/db");
      const { makeActiveApp } = await import("../../lib/testing/active-app");
      const { startSyncRun } = await import("../../lib/provisioning/sync/sync-runs");
      const { updateUser } = await import("../../lib/directory/users/save-user");
      const { userInput } = await import("../../lib/directory/schemas/user");
      const { createScimClient } = await import("../../lib/scim");

      const organization = await db.organization.create({ data: { name: "Bench Org", plan: "PROFESSIONAL" }, select: { id: true } });
      const owner = await db.user.create({
        data: { organizationId: organization.id, email: "owner@bench.example", firstName: "Bench", lastName: "Owner", role: "OWNER" },
        select: { id: true, email: true },
      });
      const context = { organizationId: organization.id, actor: { id: owner.id, label: owner.email }, ip: null };
      const limits = { maxConcurrency: CONCURRENCY, maxRequestsPerSecond: 100_000 };

      async function syncPeople(count: number, prefix: string): Promise<{ usersPerSec: number; cpuUsPerUser: Record<string, number> }> {
        const appId = await makeActiveApp(sandbox, context, limits);
        await db.user.createMany({
          data: Array.from({ length: count }, (_, i) => ({
            organizationId: organization.id,
            email: `${prefix}${i}@bench.example`,
            firstName: "Bench",
            lastName: `${prefix}${i}`,
            title: "Engineer",
            department: "Engineering",
          })),
        });
        const people = await db.user.findMany({ where: { organizationId: organization.id, email: { startsWith: prefix } }, select: { id: true } });
        await db.assignment.createMany({ data: people.map((person) => ({ appId, userId: person.id })) });
        const processes = { worker: worker?.child.pid, sandbox: sandbox.process.pid };
        const cpuBefore = await readCpu(processes);
        const started = performance.now();
        const run = await startSyncRun(organization.id, appId, context);
        for (;;) {
          const state = await db.syncRun.findUniqueOrThrow({ where: { id: run.id }, select: { status: true, done: true } });
          if (state.status === "COMPLETED") break;
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
        const seconds = (performance.now() - started) / 1000;
        return { usersPerSec: count / seconds, cpuUsPerUser: cpuPerUnit(cpuBefore, await readCpu(processes), count) };
      }

      /** Polls the app (50 ms per answer) with overlapping requests, so the first answer showing `title` comes within ~10 ms of the change. */
      async function waitForRemoteTitle(userId: string, title: string, timeoutMs = 120_000): Promise<void> {
        const url = `${sandbox.baseUrl}/Users?filter=${encodeURIComponent(`externalId eq "${userId}"`)}`;
        const deadline = performance.now() + timeoutMs;
        let seen = false;
        const inFlight = new Set<Promise<void>>();
        while (!seen) {
          if (performance.now() > deadline) throw new Error(`The edit to ${userId} did not reach the app within ${timeoutMs} ms.`);
          if (inFlight.size < 8) {
            const poll = fetch(url, { headers: { authorization: `Bearer ${sandbox.token}` } })
              .then((response) => response.json() as Promise<{ Resources?: { title?: string }[] }>)
              .then((body) => {
                if (body.Resources?.[0]?.title === title) seen = true;
              })
              .finally(() => inFlight.delete(poll));
            inFlight.add(poll);
          }
          await new Promise((resolve) => setTimeout(resolve, 10));
        }
      }

      async function propagationDuringSync(slowUsersPerSec: number): Promise<object> {
        await reset(sandbox.origin);
        await fetch(`${sandbox.origin}/__sandbox/faults`, {
          method: "POST",
          headers: { authorization: `Bearer ${sandbox.token}`, "content-type": "application/json" },
          body: JSON.stringify({ latencyMs: 50 }),
        });
        // The people to edit are synced to the app first; the run then has nothing to do for them, so an edit's own job carries it.
        const appId = await makeActiveApp(sandbox, context, limits);
        const addPeople = async (prefix: string, count: number) => {
          await db.user.createMany({
            data: Array.from({ length: count }, (_, i) => ({
              organizationId: organization.id,
              email: `${prefix}${i}@bench.example`,
              firstName: "Bench",
              lastName: `${prefix}${i}`,
              title: "Engineer",
              department: "Engineering",
            })),
          });
          const people = await db.user.findMany({
            where: { organizationId: organization.id, email: { startsWith: prefix } },
            select: { id: true, email: true, firstName: true, lastName: true },
          });
          await db.assignment.createMany({ data: people.map((person) => ({ appId, userId: person.id })) });
          return people;
        };
        const waitForRun = async (id: string) => {
          for (;;) {
            const state = await db.syncRun.findUniqueOrThrow({ where: { id }, select: { status: true } });
            if (state.status === "COMPLETED") return;
            await new Promise((resolve) => setTimeout(resolve, 100));
          }
        };
        const edited = await addPeople("editduring", DURING_SYNC_EDITS);
        await waitForRun((await startSyncRun(organization.id, appId, context)).id);
        await addPeople("during", DURING_SYNC_USERS);

        const run = await startSyncRun(organization.id, appId, context);
        const runStarted = performance.now();
        // The edits are spread over the first 60 % of the run's expected length (at the latency bench's rate).
        const expectedMs = ((DURING_SYNC_USERS + DURING_SYNC_EDITS) / slowUsersPerSec) * 1000;
        // When a worker took each edit's job: one query for all the edits waiting, so the watch costs the database little.
        const waitingJobs = new Map<string, (at: number) => void>();
        let watching = true;
        const watcher = (async () => {
          while (watching) {
            if (waitingJobs.size > 0) {
              const keys = [...waitingJobs.keys()];
              const taken = await db.$queryRaw<
                { key: string }[]
              >`SELECT key FROM graphile_worker.jobs WHERE key = ANY(${keys}::text[]) AND locked_at IS NOT NULL`;
              const present = await db.$queryRaw<{ key: string }[]>`SELECT key FROM graphile_worker.jobs WHERE key = ANY(${keys}::text[])`;
              const now = performance.now();
              const still = new Set(present.map((row) => row.key));
              for (const key of keys) if (taken.some((row) => row.key === key) || !still.has(key)) waitingJobs.get(key)?.(now);
              for (const key of keys) if (taken.some((row) => row.key === key) || !still.has(key)) waitingJobs.delete(key);
            }
            await new Promise((resolve) => setTimeout(resolve, 20));
          }
        })();
        const results = await Promise.all(
          edited.map(async (person, index) => {
            const at = ((index + 0.5) / DURING_SYNC_EDITS) * 0.6 * expectedMs;
            await new Promise((resolve) => setTimeout(resolve, Math.max(0, at - (performance.now() - runStarted))));
            const title = `Engineer during ${index}`;
            const values = userInput.parse({ email: person.email, firstName: person.firstName, lastName: person.lastName, department: "Engineering", title });
            let taken: (at: number) => void = () => {};
            const takenAt = new Promise<number>((resolve) => (taken = resolve));
            await updateUser(person.id, values, context);
            const committed = performance.now();
            waitingJobs.set(`reconcile:${appId}:${person.id}`, taken);
            const progress = await db.syncRun.findUniqueOrThrow({ where: { id: run.id }, select: { done: true, total: true } });
            await waitForRemoteTitle(person.id, title);
            const arrived = performance.now();
            const jobWaitMs = Math.min(await Promise.race([takenAt, Promise.resolve(arrived)]), arrived) - committed;
            return { userId: person.id, delayMs: arrived - committed, jobWaitMs, duringRun: progress.done < progress.total, done: progress.done };
          }),
        );
        await waitForRun(run.id);
        watching = false;
        await watcher;
        const runSeconds = (performance.now() - runStarted) / 1000;
        const during = results.filter((result) => result.duringRun);
        const delays = during.map((result) => result.delayMs).sort((a, b) => a - b);
        const jobWaits = during.map((result) => result.jobWaitMs).sort((a, b) => a - b);
        // The edit's own request time as logged (from its job sending it to the answer, the client's queue included).
        const requests = await db.operation.findMany({
          where: { appId, kind: "UPDATE", syncRunId: null, userId: { in: during.map((result) => result.userId) } },
          select: { durationMs: true },
        });
        const requestMs = requests.map((row) => row.durationMs ?? 0).sort((a, b) => a - b);
        await fetch(`${sandbox.origin}/__sandbox/faults`, {
          method: "POST",
          headers: { authorization: `Bearer ${sandbox.token}`, "content-type": "application/json" },
          body: "{}",
        });
        return {
          bench: "sync.propagationDuringSync",
          users: DURING_SYNC_USERS + DURING_SYNC_EDITS,
          edits: delays.length,
          p50Ms: delays.length ? percentile(delays, 50) : null,
          p95Ms: delays.length ? percentile(delays, 95) : null,
          maxMs: delays.length ? Math.round(delays.at(-1)!) : null,
          jobWaitP50Ms: jobWaits.length ? percentile(jobWaits, 50) : null,
          jobWaitP95Ms: jobWaits.length ? percentile(jobWaits, 95) : null,
          requestP95Ms: requestMs.length ? percentile(requestMs, 95) : null,
          doneAtEdits: [Math.min(...during.map((result) => result.done)), Math.max(...during.map((result) => result.done))],
          runSeconds: Math.round(runSeconds * 10) / 10,
        };
      }

      // BENCH_WORKER_PROFILE=<folder> writes the worker's CPU profile there when it stops (whole run).
      const profileDir = process.env.BENCH_WORKER_PROFILE;
      worker = startWorker(
        { WORKER_CONCURRENCY: String(CONCURRENCY), ROSTER_ALLOW_PRIVATE_TARGETS: "1" },
        { nodeArgs: profileDir ? ["--cpu-prof", `--cpu-prof-dir=${profileDir}`] : [] },
      );
      await syncPeople(WARMUP_USERS, "warmup");
      await reset(sandbox.origin);
      const { usersPerSec, cpuUsPerUser } = await syncPeople(USERS, "initial");
      const initialPeakRssMb = peakRssMb(worker.child.pid);
      const lines: object[] = [];

      await fetch(`${sandbox.origin}/__sandbox/faults`, {
        method: "POST",
        headers: { authorization: `Bearer ${sandbox.token}`, "content-type": "application/json" },
        body: JSON.stringify({ latencyMs: 50 }),
      });
      const { usersPerSec: slowUsersPerSec } = await syncPeople(LATENCY_USERS, "latency");
      lines.push({ bench: "sync.latency50ms", users: LATENCY_USERS, usersPerSec: Math.round(slowUsersPerSec) });
      await fetch(`${sandbox.origin}/__sandbox/faults`, {
        method: "POST",
        headers: { authorization: `Bearer ${sandbox.token}`, "content-type": "application/json" },
        body: "{}",
      });

      // Propagation: edit one synced person's title and wait until the app shows it.
      const person = await db.user.findFirstOrThrow({ where: { organizationId: organization.id, email: "initial0@bench.example" } });
      const scim = createScimClient({ baseUrl: sandbox.baseUrl, token: sandbox.token });
      const delays: number[] = [];
      for (let edit = 0; edit < EDITS; edit++) {
        const title = `Engineer ${edit}`;
        const values = userInput.parse({ email: person.email, firstName: person.firstName, lastName: person.lastName, department: "Engineering", title });
        await updateUser(person.id, values, context);
        const started = performance.now();
        for (;;) {
          const remote = await scim.users.findByExternalId(person.id);
          if (remote?.title === title) break;
          await new Promise((resolve) => setTimeout(resolve, 5));
        }
        delays.push(performance.now() - started);
      }
      delays.sort((a, b) => a - b);
      lines.push({ bench: "sync.propagation", edits: EDITS, p50Ms: percentile(delays, 50), p95Ms: percentile(delays, 95) });

      lines.push(await propagationDuringSync(slowUsersPerSec));

      // This machine's speed drifts (its neighbours' load), so the raw capacity is measured again after the sync and
      // the two rounds averaged. Last, with a reset first: the synced people had to stay for the figures above.
      await reset(sandbox.origin);
      const sandboxAfter = await measureSandbox(sandbox.baseUrl, 5, CONCURRENCY);
      const sandboxOpsPerSec = (sandboxBefore + sandboxAfter) / 2;
      lines.unshift({
        bench: "sync.initial",
        users: USERS,
        usersPerSec: Math.round(usersPerSec),
        sandboxOpsPerSec: Math.round(sandboxOpsPerSec),
        sandboxRounds: [Math.round(sandboxBefore), Math.round(sandboxAfter)],
        ratio: Math.round((usersPerSec / sandboxOpsPerSec) * 100) / 100,
        peakRssMb: initialPeakRssMb,
        concurrency: CONCURRENCY,
        cpuUsPerUser,
      });
      for (const line of lines) console.log(JSON.stringify(line));
      await db.$disconnect();
    });
  } finally {
    await worker?.stop("SIGTERM");
    sandbox.process.kill("SIGTERM");
  }
}
