/**
 * What the app queues promise, with graphile-worker's own claiming (run in this process, its tasks
 * standing in for the real ones so that the test decides when each job ends): a lane runs one job
 * at a time, also when a pair is marked again while its reconcile runs (graphile-worker then makes
 * a second job and takes the key off the running one); another app's jobs run meanwhile; and a
 * dead worker's jobs and queue locks are both given back, so its lanes take jobs again.
 */
import { randomUUID } from "node:crypto";
import { Logger, run, type Runner, type Task } from "graphile-worker";
import { afterEach, expect, it, vi } from "vitest";
import { db } from "../../db";
import { readEnv } from "../../env";
import { jobs, laneOf } from "../../queue/jobs";
import { enqueueReconcile } from "../../queue/mark-for-reconcile";
import { eventually } from "../../../scripts/testing/worker-process";
import { releaseJobsOfDeadWorkers } from "./worker-liveness";

interface Started {
  jobId: string;
  appId: string;
  userId: string;
  queue: string;
}

let runner: Runner | undefined;
let releaseEveryJob = () => {};
afterEach(async () => {
  // A failed assertion can leave jobs waiting for their release; the runner stops only after they end.
  releaseEveryJob();
  await runner?.stop();
  runner = undefined;
  vi.unstubAllEnvs();
});

/** A worker whose `reconcile` records what it ran, and how many of a queue ran at once, and waits for `release`. */
async function startRecordingWorker(concurrency: number) {
  const started: Started[] = [];
  const finished = new Set<string>();
  const running = new Map<string, number>();
  const mostAtOnce = new Map<string, number>();
  const gates = new Map<string, () => void>();
  const reconcile: Task = async (rawPayload, helpers) => {
    const { appId, userId } = jobs.reconcile.payload.parse(rawPayload);
    const queue = jobs.reconcile.queue!({ appId, userId })!;
    const jobId = helpers.job.id;
    running.set(queue, (running.get(queue) ?? 0) + 1);
    mostAtOnce.set(queue, Math.max(mostAtOnce.get(queue) ?? 0, running.get(queue)!));
    started.push({ jobId, appId, userId, queue });
    await new Promise<void>((resolve) => gates.set(jobId, resolve));
    running.set(queue, running.get(queue)! - 1);
    finished.add(jobId);
  };
  runner = await run({
    connectionString: readEnv("DATABASE_URL"),
    concurrency,
    taskList: { [jobs.reconcile.task]: reconcile },
    logger: new Logger(() => () => {}),
    pollInterval: 100,
    crontab: "",
  });
  releaseEveryJob = () => {
    for (const release of gates.values()) release();
  };
  const startedFor = (appId: string, userId: string) => started.filter((job) => job.appId === appId && job.userId === userId);
  return {
    started,
    finished,
    mostAtOnce,
    startedFor,
    release: (jobId: string) => gates.get(jobId)!(),
    releaseAll: () => {
      for (const job of started) if (!finished.has(job.jobId)) gates.get(job.jobId)?.();
    },
  };
}

async function reconcileJobsOf(appId: string) {
  return db.$queryRaw<{ id: string; key: string | null; queue: string | null; locked: boolean; attempts: number; max_attempts: number; user_id: string }[]>`
    SELECT jobs.id::text, jobs.key, queues.queue_name AS queue, jobs.locked_by IS NOT NULL AS locked, jobs.attempts, jobs.max_attempts,
      jobs.payload->>'userId' AS user_id
    FROM graphile_worker._private_jobs AS jobs LEFT JOIN graphile_worker._private_job_queues AS queues ON queues.id = jobs.job_queue_id
    WHERE jobs.payload->>'appId' = ${appId}
    ORDER BY jobs.id`;
}

/** A person in the same lane of an app as `userId`, and one in another lane. */
function neighbours(userId: string) {
  const lanes = readEnv("WORKER_APP_LANES");
  let sameLane = randomUUID();
  while (laneOf(sameLane, lanes) !== laneOf(userId, lanes)) sameLane = randomUUID();
  let otherLane = randomUUID();
  while (laneOf(otherLane, lanes) === laneOf(userId, lanes)) otherLane = randomUUID();
  return { sameLane, otherLane };
}

const mark = (appId: string, userIds: string[]) => db.$transaction((tx) => enqueueReconcile(tx, [appId], userIds));

it("runs a lane's jobs one at a time, a pair marked again while it runs included, and other apps' jobs meanwhile", async () => {
  const [appA, appB, person] = [randomUUID(), randomUUID(), randomUUID()];
  const { sameLane, otherLane } = neighbours(person);
  const worker = await startRecordingWorker(6);

  await mark(appA, [person]);
  const first = (await eventually(async () => worker.startedFor(appA, person)[0], { what: "the person's reconcile to start" }))!;

  // Marked again while its reconcile runs: a second job in the same lane; the running one loses its key, and its
  // attempts are used up so that it is not retried (the new job is its retry).
  await mark(appA, [person, sameLane, otherLane]);
  await mark(appB, [person]);
  await eventually(async () => worker.startedFor(appB, person).length === 1 && worker.startedFor(appA, otherLane).length === 1, {
    what: "the other app's job and the other lane's job to start",
  });
  const queued = await reconcileJobsOf(appA);
  const lane = jobs.reconcile.queue!({ appId: appA, userId: person })!;
  const running = queued.find((job) => job.id === first.jobId);
  expect(running).toMatchObject({ key: null, queue: lane, locked: true, attempts: 25, max_attempts: 25 });
  expect(queued.filter((job) => job.user_id === person && job.id !== first.jobId)).toEqual([
    expect.objectContaining({ key: `reconcile:${appA}:${person}`, queue: lane, locked: false }),
  ]);
  expect(queued.find((job) => job.user_id === sameLane)).toMatchObject({ queue: lane, locked: false });
  // Both waiting jobs were queued before the other lane's and the other app's, which started: only their lane held them.
  expect(worker.startedFor(appA, person)).toHaveLength(1);
  expect(worker.startedFor(appA, sameLane)).toHaveLength(0);

  worker.release(first.jobId);
  await eventually(
    async () => {
      worker.releaseAll();
      return worker.startedFor(appA, person).length === 2 && worker.startedFor(appA, sameLane).length === 1 && (await reconcileJobsOf(appA)).length === 0;
    },
    { what: "the lane's waiting jobs to run, one after the other" },
  );
  expect(worker.mostAtOnce.get(lane)).toBe(1);
}, 60_000);

it("gives a dead worker's job and its lane back, so the lane takes jobs again", async () => {
  vi.stubEnv("WORKER_STALE_AFTER_SECONDS", "1");
  const [appId, person] = [randomUUID(), randomUUID()];
  const { sameLane } = neighbours(person);
  await mark(appId, [person, sameLane]);
  // A worker that claimed the person's job (and so its lane) a minute ago and has not said it is alive since: as
  // graphile-worker claims, the job and its queue locked together.
  const deadWorker = `dead-${randomUUID()}`;
  await db.$executeRaw`
    WITH job AS (
      UPDATE graphile_worker._private_jobs SET locked_by = ${deadWorker}, locked_at = now() - interval '1 minute', attempts = 1
      WHERE key = ${`reconcile:${appId}:${person}`} RETURNING job_queue_id)
    UPDATE graphile_worker._private_job_queues AS queues SET locked_by = ${deadWorker}, locked_at = now() - interval '1 minute'
    FROM job WHERE queues.id = job.job_queue_id`;

  const worker = await startRecordingWorker(4);
  expect(await releaseJobsOfDeadWorkers()).toBe(1);
  await eventually(
    async () => {
      worker.releaseAll();
      return worker.startedFor(appId, person).length === 1 && worker.startedFor(appId, sameLane).length === 1 && (await reconcileJobsOf(appId)).length === 0;
    },
    { what: "both jobs of the lane to run after the release" },
  );
  expect(worker.mostAtOnce.get(jobs.reconcile.queue!({ appId, userId: person })!)).toBe(1);
}, 60_000);
