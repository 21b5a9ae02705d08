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
 *  - sync.propagation: from a committed directory edit to the app having it.
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

      worker = startWorker({ WORKER_CONCURRENCY: String(CONCURRENCY), ROSTER_ALLOW_PRIVATE_TARGETS: "1" });
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
