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
 * Queues `payloads` as jobs of `contract`, in the caller's transaction: graphile-worker's
 * `add_jobs` is plain SQL, so the jobs exist if and only if the transaction commits. Each payload
 * is checked against the contract's schema first, so a bad payload fails here, not in the worker;
 * each job goes into the contract's named queue, which the worker claims with it.
 */
export async function enqueueMany<Payload>(tx: Tx, contract: JobContract<Payload>, payloads: readonly Payload[], { runAt }: JobOptions = {}): Promise<void> {
  for (let start = 0; start < payloads.length; start += CHUNK) {
    const specs = payloads.slice(start, start + CHUNK).map((raw) => {
      const payload = contract.payload.parse(raw);
      return { payload, key: contract.key?.(payload) ?? null, queue: contract.queue?.(payload) ?? null };
    });
    await tx.$executeRaw`
      SELECT graphile_worker.add_jobs(array(
        SELECT ROW(${contract.task}::text, spec -> 'payload', spec ->> 'queue', ${runAt ?? null}::timestamptz, ${contract.maxAttempts}::int, spec ->> 'key', NULL, NULL)::graphile_worker.job_spec
        FROM json_array_elements(${JSON.stringify(specs)}::json) AS spec
      ))`;
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
  await helpers.addJob(contract.task, payload, {
    jobKey: contract.key?.(payload),
    queueName: contract.queue?.(payload),
    runAt,
    maxAttempts: contract.maxAttempts,
  });
}
