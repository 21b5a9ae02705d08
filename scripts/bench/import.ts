/**
 * Importing from an app with 50,000 users: seconds until the classified
 * preview is ready (fetch of every page + classification + storing the
 * candidates, done by a real worker), the worker's peak memory, and the
 * seconds (and the worker's peak memory) to confirm every New user. The
 * sandbox runs in its own process.
 */
import { spawn } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { performance } from "node:perf_hooks";
import { withBenchDatabase } from "./support/bench-database";
import { startWorker, type WorkerProcess } from "../testing/worker-process";

const REMOTE_USERS = 50_000;
/** Confirming is measured on every New user (the "New" filter), or on the first IMPORT_CONFIRM_USERS of them when set (as ticked rows). */
const CONFIRM_USERS = process.env.IMPORT_CONFIRM_USERS ? Number(process.env.IMPORT_CONFIRM_USERS) : null;
const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const TOKEN = "import-bench-token";

/** Starts the process's peak-memory count over (Linux: writing 5 to clear_refs resets VmHWM), so a later figure is one phase's. */
function resetPeakRss(pid: number | undefined): void {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, "5");
  } catch {
    // Not Linux, or not allowed: the next figure is the peak since the worker started.
  }
}

function peakRssMb(pid: number | undefined): number | null {
  try {
    return Math.round(Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1]) / 1024);
  } catch {
    return null;
  }
}

async function startSeededSandbox() {
  const child = spawn(process.execPath, ["--import", "tsx", "lib/sandbox/cli.ts", "--port", "0", "--token", TOKEN, "--quiet", "--seed", String(REMOTE_USERS)], {
    cwd: ROOT,
    stdio: ["ignore", "pipe", "inherit"],
  });
  let output = "";
  for await (const chunk of child.stdout ?? []) {
    output += String(chunk);
    const baseUrl = /Sync endpoint: (\S+)/.exec(output)?.[1];
    if (baseUrl) return { child, baseUrl, token: TOKEN };
  }
  throw new Error(`The sandbox did not start:\n${output}`);
}

async function until<T>(check: () => Promise<T | undefined | false>): Promise<T> {
  for (;;) {
    const value = await check();
    if (value) return value;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

export async function run(): Promise<void> {
  const sandbox = await startSeededSandbox();
  let worker: WorkerProcess | undefined;
  try {
    await withBenchDatabase(async () => {
      process.env.ROSTER_ALLOW_PRIVATE_TARGETS = "1";
      const { db } = await import("../../lib/db");
      const { makeActiveApp } = await import("../../lib/testing/active-app");
      const { startImport } = await import("../../lib/provisioning/import-runs/start-import");
      const { confirmImport } = await import("../../lib/provisioning/import-runs/confirm-import");

      const organization = await db.organization.create({ data: { name: "Import Bench", plan: "PROFESSIONAL" }, select: { id: true } });
      const owner = await db.user.create({
        data: { organizationId: organization.id, email: "owner@bench.example", firstName: "Bench", lastName: "Owner", role: "OWNER" },
        select: { id: true, email: true },
      });
      const context = { organizationId: organization.id, actor: { id: owner.id, label: owner.email }, ip: null };
      const appId = await makeActiveApp(sandbox, context);
      // Provisioning off while importing, so the measurement is the import alone.
      await db.app.update({ where: { id: appId }, data: { state: "PAUSED" } });
      worker = startWorker({ WORKER_CONCURRENCY: "4", ROSTER_ALLOW_PRIVATE_TARGETS: "1" });

      const started = performance.now();
      const { id: runId } = await startImport(organization.id, appId, context);
      const ready = await until(async () => {
        const run = await db.importRun.findUnique({ where: { id: runId }, select: { status: true, fetched: true, error: true } });
        if (run?.status === "FAILED") throw new Error(`The fetch failed: ${run.error}`);
        return run?.status === "READY" ? run : undefined;
      });
      const previewSeconds = (performance.now() - started) / 1000;
      console.log(
        JSON.stringify({
          bench: "import.preview",
          users: ready.fetched,
          seconds: Math.round(previewSeconds * 10) / 10,
          peakRssMb: peakRssMb(worker.child.pid),
        }),
      );

      const selection =
        CONFIRM_USERS === null
          ? ({ filter: "NEW" } as const)
          : {
              candidateIds: (
                await db.importCandidate.findMany({
                  where: { runId, actions: { has: "NEW" } },
                  orderBy: { position: "asc" },
                  take: CONFIRM_USERS,
                  select: { id: true },
                })
              ).map((candidate) => candidate.id),
            };
      resetPeakRss(worker.child.pid);
      const confirmStarted = performance.now();
      const { toApply } = await confirmImport(organization.id, runId, selection, context);
      await until(async () => (await db.importRun.findUnique({ where: { id: runId }, select: { status: true } }))?.status === "CONFIRMED");
      const confirmSeconds = (performance.now() - confirmStarted) / 1000;
      // The seeded app has people whose e-mail the directory refuses (non-ASCII): those are skipped with the reason, as in the product.
      const { summary } = await db.importRun.findUniqueOrThrow({ where: { id: runId }, select: { summary: true } });
      const { created, skippedCount } = summary as { created: number; skippedCount: number };
      const people = await db.user.count({ where: { organizationId: organization.id, role: null } });
      if (people !== created || created + skippedCount !== toApply)
        throw new Error(`Confirming ${toApply} New users created ${people} people (summary: ${created} created, ${skippedCount} skipped).`);
      console.log(
        JSON.stringify({
          bench: "import.confirm",
          users: toApply,
          created,
          skipped: skippedCount,
          seconds: Math.round(confirmSeconds * 10) / 10,
          usersPerSec: Math.round(toApply / confirmSeconds),
          peakRssMb: peakRssMb(worker.child.pid),
        }),
      );
      await db.$disconnect();
    });
  } finally {
    await worker?.stop("SIGTERM");
    sandbox.child.kill("SIGTERM");
  }
}
