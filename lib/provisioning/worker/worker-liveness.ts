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
 * Unlocks the jobs of workers that stopped beating, so a killed worker's jobs
 * run again within seconds. Running one twice is harmless: reconcile holds a
 * lock per (app, user) and reads the state afresh.
 */
export async function releaseJobsOfDeadWorkers(): Promise<number> {
  const staleAfterSeconds = readEnv("WORKER_STALE_AFTER_SECONDS");
  const rows = await db.$queryRaw<{ locked_by: string }[]>`
    SELECT DISTINCT jobs.locked_by FROM graphile_worker._private_jobs AS jobs
    WHERE jobs.locked_by IS NOT NULL
      AND jobs.locked_at < now() - make_interval(secs => ${staleAfterSeconds})
      AND NOT EXISTS (
        SELECT 1 FROM worker_heartbeats AS heartbeat
        WHERE heartbeat.worker_id = jobs.locked_by AND heartbeat.seen_at > now() - make_interval(secs => ${staleAfterSeconds}))`;
  if (rows.length === 0) return 0;
  await db.$executeRaw`SELECT graphile_worker.force_unlock_workers(${rows.map((row) => row.locked_by)}::text[])`;
  await db.$executeRaw`DELETE FROM worker_heartbeats WHERE seen_at < now() - interval '1 hour'`;
  return rows.length;
}
