import "server-only";
import type { JobHelpers } from "graphile-worker";
import type { Tx } from "../db";
import type { JobContract } from "./jobs";

/** Jobs per add_jobs call, so one huge sync does not build one huge statement. */
const CHUNK = 5_000;

export interface JobOptions {
  runAt?: Date;
}

/**
 * How often a keyed job is offered again when add_jobs added nothing for it. It adds nothing when a worker takes
 * the pending job between add_jobs' two steps (it clears the key of a job already taken, then upserts only where
 * the job is not taken): the repeat would be lost. Offered again, the taken job's key is cleared and a new job
 * is added, as graphile-worker intends.
 */
const KEYED_ROUNDS = 3;

/**
 * Queues `payloads` as jobs of `contract`, in the caller's transaction: graphile-worker's
 * `add_jobs` is plain SQL, so the jobs exist if and only if the transaction commits. Each payload
 * is checked against the contract's schema first, so a bad payload fails here, not in the worker;
 * each job goes into the contract's named queue, which the worker claims with it. Every keyed job is
 * checked to be there afterwards (see KEYED_ROUNDS): a change is never left without its job.
 */
export async function enqueueMany<Payload>(tx: Tx, contract: JobContract<Payload>, payloads: readonly Payload[], { runAt }: JobOptions = {}): Promise<void> {
  for (let start = 0; start < payloads.length; start += CHUNK) {
    let specs = payloads.slice(start, start + CHUNK).map((raw) => {
      const payload = contract.payload.parse(raw);
      return { payload, key: contract.key?.(payload) ?? null, queue: contract.queue?.(payload) ?? null };
    });
    for (let round = 1; specs.length > 0; round++) {
      const added = await tx.$queryRaw<{ key: string | null }[]>`
        SELECT key FROM graphile_worker.add_jobs(array(
          SELECT ROW(${contract.task}::text, spec -> 'payload', spec ->> 'queue', ${runAt ?? null}::timestamptz, ${contract.maxAttempts}::int, spec ->> 'key', NULL, NULL)::graphile_worker.job_spec
          FROM json_array_elements(${JSON.stringify(specs)}::json) AS spec
        ))`;
      const addedKeys = new Set(added.map((row) => row.key));
      specs = specs.filter((spec) => spec.key !== null && !addedKeys.has(spec.key));
      if (specs.length > 0 && round === KEYED_ROUNDS) {
        throw new Error(`Could not queue ${specs.length} ${contract.task} job(s) (first key ${specs[0]!.key}): the queue kept them taken. Try again.`);
      }
    }
  }
}

export function enqueue<Payload>(tx: Tx, contract: JobContract<Payload>, payload: Payload, options?: JobOptions): Promise<void> {
  return enqueueMany(tx, contract, [payload], options);
}

/** From inside a running job: queues through the worker's own connection, with the same contract. */
export async function enqueueFromJob<Payload>(
  helpers: Pick<JobHelpers, "addJob">,
  contract: JobContract<Payload>,
  raw: Payload,
  { runAt }: JobOptions = {},
): Promise<void> {
  const payload = contract.payload.parse(raw);
  const jobKey = contract.key?.(payload);
  for (let round = 1; ; round++) {
    const job = await helpers.addJob(contract.task, payload, { jobKey, queueName: contract.queue?.(payload), runAt, maxAttempts: contract.maxAttempts });
    // add_job answers an empty row when it added nothing (see KEYED_ROUNDS).
    if (!jobKey || job?.id != null) return;
    if (round === KEYED_ROUNDS) throw new Error(`Could not queue the ${contract.task} job ${jobKey}: the queue kept it taken. Try again.`);
  }
}
