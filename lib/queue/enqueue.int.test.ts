/**
 * Jobs are queued only through the contracts in lib/queue/jobs.ts: the payload is checked before
 * anything is written, the key coalesces repeats, and the jobs exist only if the transaction commits.
 */
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "../db";
import { enqueue } from "./enqueue";
import { jobs, laneOf, RUN_LANES } from "./jobs";
import { enqueueReconcile, enqueueReconcileBatches } from "./mark-for-reconcile";

interface QueuedJob {
  task: string;
  key: string | null;
  queue: string | null;
  payload: Record<string, unknown>;
  max_attempts: number;
}

async function queued(task: string): Promise<QueuedJob[]> {
  return db.$queryRaw<QueuedJob[]>`
    SELECT tasks.identifier AS task, jobs.key, queues.queue_name AS queue, jobs.payload, jobs.max_attempts
    FROM graphile_worker._private_jobs AS jobs JOIN graphile_worker._private_tasks AS tasks ON tasks.id = jobs.task_id
    LEFT JOIN graphile_worker._private_job_queues AS queues ON queues.id = jobs.job_queue_id
    WHERE tasks.identifier = ${task}
    ORDER BY jobs.id`;
}

describe("the job contracts", () => {
  it("queue one reconcile per pair however often it is marked, with the contract's key, queue and attempts", async () => {
    const [appId, userId, other] = [randomUUID(), randomUUID(), randomUUID()];
    await db.$transaction((tx) => enqueueReconcile(tx, [appId], [userId, other]));
    await db.$transaction((tx) => enqueueReconcile(tx, [appId], [userId]));
    const mine = (await queued("reconcile")).filter((job) => job.payload.appId === appId);
    expect(mine).toEqual([
      { task: "reconcile", key: `reconcile:${appId}:${userId}`, queue: jobs.reconcile.queue!({ appId, userId }), payload: { appId, userId }, max_attempts: 25 },
      {
        task: "reconcile",
        key: `reconcile:${appId}:${other}`,
        queue: jobs.reconcile.queue!({ appId, userId: other }),
        payload: { appId, userId: other },
        max_attempts: 25,
      },
    ]);
  });

  it("refuse a payload that does not fit, before anything is queued", async () => {
    const appId = randomUUID();
    await expect(db.$transaction((tx) => enqueueReconcile(tx, [appId], [randomUUID(), "not-an-id"]))).rejects.toThrow(/UUID/i);
    await expect(db.$transaction((tx) => enqueue(tx, jobs.importFetch, { runId: "nope" } as never))).rejects.toThrow(/UUID/i);
    expect((await queued("reconcile")).filter((job) => job.payload.appId === appId)).toEqual([]);
  });

  it("queue nothing when the transaction rolls back", async () => {
    const appId = randomUUID();
    await expect(
      db.$transaction(async (tx) => {
        await enqueueReconcile(tx, [appId], [randomUUID()]);
        throw new Error("the write failed");
      }),
    ).rejects.toThrow("the write failed");
    expect((await queued("reconcile")).filter((job) => job.payload.appId === appId)).toEqual([]);
  });

  it("split a Sync now run into batches that hold every person once, in the app's run lanes", async () => {
    const [appId, syncRunId] = [randomUUID(), randomUUID()];
    const people = Array.from({ length: 60 }, () => randomUUID());
    await db.$transaction((tx) => enqueueReconcileBatches(tx, appId, people, { syncRunId }));
    // Jobs added together start at the same time, in no particular order (add_jobs' join to the queues reorders their ids).
    const firstOf = (job: QueuedJob) => (people as string[]).indexOf((job.payload.userIds as string[])[0]!);
    const batches = (await queued("reconcile-batch")).filter((job) => job.payload.syncRunId === syncRunId).sort((a, b) => firstOf(a) - firstOf(b));
    expect(batches.map((job) => (job.payload.userIds as string[]).length)).toEqual([25, 25, 10]);
    expect(batches.flatMap((job) => job.payload.userIds as string[])).toEqual(people);
    expect(batches.every((job) => job.key === null && job.max_attempts === 25 && job.payload.appId === appId)).toBe(true);
    expect(batches.map((job) => job.queue)).toEqual(batches.map((job) => `app:${appId}:run:${laneOf((job.payload.userIds as string[])[0]!, RUN_LANES)}`));
  });

  it("keep one import fetch per app", async () => {
    const appId = randomUUID();
    const [first, second] = [randomUUID(), randomUUID()];
    await db.$transaction((tx) => enqueue(tx, jobs.importFetch, { runId: first, appId }));
    await db.$transaction((tx) => enqueue(tx, jobs.importFetch, { runId: second, appId }));
    expect((await queued("import-fetch")).filter((job) => job.payload.appId === appId)).toEqual([
      { task: "import-fetch", key: `import-fetch:${appId}`, queue: `app:${appId}:import`, payload: { runId: second, appId }, max_attempts: 3 },
    ]);
  });
});
