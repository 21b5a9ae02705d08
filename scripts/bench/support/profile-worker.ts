/**
 * `npx tsx --conditions=react-server scripts/bench/support/profile-worker.ts [people] [dir]`: the
 * sync bench's `sync.initial` phase alone (a warm-up sync, then one measured sync of `people`), with
 * the worker under `node --cpu-prof`, so its CPU per person can be read function by function. The
 * profile (a .cpuprofile for Chrome DevTools or speedscope) is written to `dir` when the worker exits.
 */
import { readdirSync } from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { reset, startSandboxProcess } from "../scim";
import { withBenchDatabase } from "./bench-database";
import { cpuPerUnit, readCpu } from "./process-cpu";
import { generatePrismaClient } from "../../generate";
import { startWorker } from "../../testing/worker-process";

const people = Number(process.argv[2] ?? 10_000);
const dir = path.resolve(process.argv[3] ?? "/tmp/roster-worker-profile");
const CONCURRENCY = 32;

generatePrismaClient();
const sandbox = await startSandboxProcess();
try {
  await withBenchDatabase(async () => {
    process.env.ROSTER_ALLOW_PRIVATE_TARGETS = "1";
    const { db } = await import("../../../lib/db");
    const { makeActiveApp } = await import("../../../lib/testing/active-app");
    const { startSyncRun } = await import("../../../lib/provisioning/sync/sync-runs");
    const organization = await db.organization.create({ data: { name: "Profile Org", plan: "PROFESSIONAL" }, select: { id: true } });
    const owner = await db.user.create({
      data: { organizationId: organization.id, email: "owner@profile.example", firstName: "Profile", lastName: "Owner", role: "OWNER" },
      select: { id: true, email: true },
    });
    const context = { organizationId: organization.id, actor: { id: owner.id, label: owner.email }, ip: null };
    const worker = startWorker({ WORKER_CONCURRENCY: String(CONCURRENCY) }, { nodeArgs: ["--cpu-prof", `--cpu-prof-dir=${dir}`] });
    const sync = async (count: number, prefix: string) => {
      const appId = await makeActiveApp(sandbox, context, { maxConcurrency: CONCURRENCY, maxRequestsPerSecond: 100_000 });
      await db.user.createMany({
        data: Array.from({ length: count }, (_, i) => ({
          organizationId: organization.id,
          email: `${prefix}${i}@profile.example`,
          firstName: "Profile",
          lastName: `${prefix}${i}`,
          title: "Engineer",
          department: "Engineering",
        })),
      });
      const ids = await db.user.findMany({ where: { organizationId: organization.id, email: { startsWith: prefix } }, select: { id: true } });
      await db.assignment.createMany({ data: ids.map((person) => ({ appId, userId: person.id })) });
      const before = await readCpu({ worker: worker.child.pid, sandbox: sandbox.process.pid });
      const started = performance.now();
      const run = await startSyncRun(organization.id, appId, context);
      for (;;) {
        const state = await db.syncRun.findUniqueOrThrow({ where: { id: run.id }, select: { status: true } });
        if (state.status === "COMPLETED") break;
        if (worker.child.exitCode !== null || worker.child.signalCode !== null) throw new Error(`The worker exited:\n${worker.output()}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      const seconds = (performance.now() - started) / 1000;
      const cpu = cpuPerUnit(before, await readCpu({ worker: worker.child.pid, sandbox: sandbox.process.pid }), count);
      console.log(JSON.stringify({ phase: prefix, users: count, usersPerSec: Math.round(count / seconds), cpuUsPerUser: cpu }));
    };
    try {
      await sync(2_000, "warmup");
      await reset(sandbox.origin);
      await sync(people, "measured");
    } finally {
      await worker.stop("SIGTERM");
      await db.$disconnect();
    }
    console.log(
      `Profiles: ${readdirSync(dir)
        .map((file) => path.join(dir, file))
        .join(", ")}`,
    );
  });
} finally {
  sandbox.process.kill("SIGTERM");
}
process.exit(0);
