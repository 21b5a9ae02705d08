/**
 * Jobs are queued only through the contracts in lib/queue/jobs.ts: the payload is checked before
 * anything is written, the key coalesces repeats, and the jobs exist only if the transaction commits.
 */
import { randomUUID } from "node:crypto";
import pg from "pg";
import { describe, expect, it, vi } from "vitest";
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

  it("queue a repeat even when a worker takes the pending job while add_jobs runs (the job is never left out)", async () => {
    const [appId, userId] = [randomUUID(), randomUUID()];
    const key = `reconcile:${appId}:${userId}`;
    await db.$transaction((tx) => enqueueReconcile(tx, [appId], [userId]));

    // Hold add_jobs between its two steps: a trigger on this job's key waits for a lock this test holds, while a
    // "worker" (another connection) takes the pending job and commits, exactly as a real worker may at that moment.
    const suffix = appId.replaceAll("-", "");
    const lockId = Number.parseInt(suffix.slice(0, 7), 16);
    const worker = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await worker.connect();
    try {
      await db.$executeRawUnsafe(
        `CREATE FUNCTION public.hold_add_jobs_${suffix}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN PERFORM pg_advisory_xact_lock(${lockId}); RETURN NEW; END $$`,
      );
      await db.$executeRawUnsafe(
        `CREATE TRIGGER hold_add_jobs_${suffix} BEFORE INSERT ON graphile_worker._private_jobs FOR EACH ROW WHEN (NEW.key = '${key}') EXECUTE FUNCTION public.hold_add_jobs_${suffix}()`,
      );
      await worker.query("SELECT pg_advisory_lock($1)", [lockId]);
      const repeat = db.$transaction((tx) => enqueueReconcile(tx, [appId], [userId]), { timeout: 60_000 });
      await vi.waitFor(
        async () => {
          const waiting = await worker.query("SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND objid = $1 AND NOT granted", [lockId]);
          expect(waiting.rowCount).toBe(1);
        },
        { timeout: 30_000, interval: 50 },
      );
      await worker.query("UPDATE graphile_worker._private_jobs SET locked_at = now(), locked_by = 'test-worker' WHERE key = $1", [key]);
      await worker.query("SELECT pg_advisory_unlock($1)", [lockId]);
      await repeat;

      const jobsOfPair = await db.$queryRaw<{ key: string | null; locked: boolean }[]>`
        SELECT key, locked_at IS NOT NULL AS locked FROM graphile_worker._private_jobs WHERE payload ->> 'appId' = ${appId} ORDER BY id`;
      // The taken job lost its key (it runs on with what it read); a new one, free to run, carries the repeat.
      expect(jobsOfPair).toEqual([
        { key: null, locked: true },
        { key, locked: false },
      ]);
    } finally {
      await db.$executeRawUnsafe(`DROP TRIGGER IF EXISTS hold_add_jobs_${suffix} ON graphile_worker._private_jobs`);
      await db.$executeRawUnsafe(`DROP FUNCTION IF EXISTS public.hold_add_jobs_${suffix}()`);
      await db.$executeRaw`DELETE FROM graphile_worker._private_jobs WHERE payload ->> 'appId' = ${appId}`;
      await worker.end();
    }
  });
});
