/**
 * `npm run worker`: runs provisioning jobs from PostgreSQL (graphile-worker).
 * Any number may run at once, here or on other machines: jobs are claimed
 * with SKIP LOCKED, and one sync per (app, user) runs at a time (lib/provisioning/sync/pair-locks.ts).
 * Each app's jobs run in the app's own named queues (lib/queue/jobs.ts), claimed
 * with the queue's lock, so one app holds at most WORKER_APP_LANES + 2 + 1
 * of the WORKER_CONCURRENCY slots however slow it answers.
 */
import { EventEmitter } from "node:events";
import { Logger, run, type WorkerEvents } from "graphile-worker";

const concurrency = Number(process.env.WORKER_CONCURRENCY ?? 16);
// Jobs hold no connection while they wait for an app (no transaction spans a request), but their short
// loads and records can overlap; the pairs' locks live on one connection of their own (sync/pair-locks.ts).
process.env.DATABASE_POOL_SIZE ??= String(concurrency + 4);

const { readEnv } = await import("../lib/env");
const { taskList: reconcileTasks } = await import("../lib/provisioning/worker/task-list");
const { importTasks } = await import("../lib/provisioning/worker/task-list-import");
const taskList = { ...reconcileTasks, ...importTasks };
const liveness = await import("../lib/provisioning/worker/worker-liveness");
const { closePairLocks } = await import("../lib/provisioning/sync/pair-locks");

const quiet = process.env.WORKER_QUIET === "1";
const logger = new Logger((scope) => (level, message) => {
  if (quiet && level !== "error") return;
  if (level === "debug") return;
  const where = scope.taskIdentifier ? ` ${scope.taskIdentifier}#${scope.jobId}` : "";
  console[level === "error" ? "error" : "log"](`[worker]${where} ${message}`);
});

// Heartbeats for this process's workers; and, on the same beat, release the jobs of dead ones. The workers are
// created inside run(), before it returns, so the listener must be on an emitter handed to it: one attached to
// runner.events afterwards never heard of them, and every job running longer than the stale limit was taken away
// from its live worker and run a second time.
const workerIds = new Set<string>();
const events: WorkerEvents = new EventEmitter();
events.on("worker:create", ({ worker }) => {
  workerIds.add(worker.workerId);
  liveness.beat([worker.workerId]).catch((error: unknown) => logger.error(`Heartbeat failed: ${String(error)}`));
});

const runner = await run({
  connectionString: readEnv("DATABASE_URL"),
  concurrency,
  taskList,
  logger,
  events,
  pollInterval: 1000,
  maxPoolSize: concurrency + 2,
  // No scheduled tasks: every job comes from a directory change or an admin's click.
  crontab: "",
});
const heartbeat = setInterval(() => {
  void liveness
    .beat([...workerIds])
    .then(() => liveness.releaseJobsOfDeadWorkers())
    .then((released) => released > 0 && logger.info(`Released the jobs of ${released} worker(s) that stopped responding.`))
    .catch((error: unknown) => logger.error(`Heartbeat failed: ${String(error)}`));
}, readEnv("WORKER_HEARTBEAT_MS"));
heartbeat.unref();

await runner.promise;
clearInterval(heartbeat);
await liveness.forget([...workerIds]).catch(() => {});
await closePairLocks();
