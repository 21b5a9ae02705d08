import "server-only";
import { db } from "../../db";
import { readEnv } from "../../env";

export async function beat(workerIds: readonly string[]): Promise<void> {
  if (workerIds.length === 0) return;
  await db.$executeRaw`
    INSERT INTO worker_heartbeats (worker_id, seen_at) SELECT id, now() FROM unnest(${[...workerIds]}::text[]) AS id
    ON CONFLICT (worker_id) DO UPDATE SET seen_at = now()`;
}

export async function forget(workerIds: readonly string[]): Promise<void> {
  await db.$executeRaw`DELETE FROM worker_heartbeats WHERE worker_id = ANY(${[...workerIds]}::text[])`;
}

/**
 * Unlocks the jobs of workers that stopped beating, and the app queues they held, so a killed
 * worker's jobs run again within seconds and its app's lanes take new jobs. Running one twice is
 * harmless: reconcile holds a lock per (app, user) and reads the state afresh.
 *
 * A worker claims a queued job together with its queue's lock and gives both back in one statement,
 * so a dead worker normally holds a job; its queue locks are looked at too, so that a lane whose job
 * row went away while it ran is not held for the 4 hours of graphile-worker's own stale-lock reset.
 */
export async function releaseJobsOfDeadWorkers(): Promise<number> {
  const staleAfterSeconds = readEnv("WORKER_STALE_AFTER_SECONDS");
  const rows = await db.$queryRaw<{ locked_by: string }[]>`
    SELECT DISTINCT locks.locked_by FROM (
      SELECT locked_by, locked_at FROM graphile_worker._private_jobs WHERE locked_by IS NOT NULL
      UNION ALL
      SELECT locked_by, locked_at FROM graphile_worker._private_job_queues WHERE locked_by IS NOT NULL
    ) AS locks
    WHERE locks.locked_at < now() - make_interval(secs => ${staleAfterSeconds})
      AND NOT EXISTS (
        SELECT 1 FROM worker_heartbeats AS heartbeat
        WHERE heartbeat.worker_id = locks.locked_by AND heartbeat.seen_at > now() - make_interval(secs => ${staleAfterSeconds}))`;
  if (rows.length === 0) return 0;
  // graphile-worker's force_unlock_workers unlocks the workers' jobs and their queues alike.
  await db.$executeRaw`SELECT graphile_worker.force_unlock_workers(${rows.map((row) => row.locked_by)}::text[])`;
  await db.$executeRaw`DELETE FROM worker_heartbeats WHERE seen_at < now() - interval '1 hour'`;
  return rows.length;
}
