/**
 * The worker's jobs, in one table: each task's name, the zod schema of its payload, its job key
 * and its attempts. Producers queue through `enqueue`/`enqueueMany` (lib/queue/enqueue.ts) and the
 * worker's task list parses with the same schemas, so a payload is spelled in one place only.
 * Pure: no database, usable by the directory and the engine alike.
 */
import { z } from "zod";

export interface JobContract<Payload> {
  task: string;
  payload: z.ZodType<Payload>;
  /** Jobs with the same key coalesce: a repeat replaces the pending job instead of adding one. */
  key?: (payload: Payload) => string;
  maxAttempts: number;
}

function defineJob<Payload>(contract: JobContract<Payload>): JobContract<Payload> {
  return contract;
}

/** With graphile-worker's exponential backoff, 25 attempts span about a day. */
const A_DAY_OF_ATTEMPTS = 25;

const importSelection = z.union([
  z.object({ candidateIds: z.array(z.uuid()) }),
  z.object({ filter: z.enum(["ALL", "NEW", "UPDATE", "ACTIVATE", "DEACTIVATE"]) }),
]);

export const jobs = {
  /** Brings one (app, person) pair in line with the directory; a `syncRunId` counts it in a Sync now run. */
  reconcile: defineJob({
    task: "reconcile",
    payload: z.object({
      appId: z.uuid(),
      userId: z.uuid(),
      syncRunId: z.uuid().optional(),
      /** How often the app's Retry-After has put this pair off already: bounded, unlike a fresh job's attempts. */
      deferrals: z.int().min(0).optional(),
    }),
    key: ({ appId, userId }) => `reconcile:${appId}:${userId}`,
    maxAttempts: A_DAY_OF_ATTEMPTS,
  }),
  /** A Sync now run's people, a batch at a time; whoever a batch cannot finish goes to their own `reconcile`. */
  reconcileBatch: defineJob({
    task: "reconcile-batch",
    payload: z.object({ appId: z.uuid(), syncRunId: z.uuid(), userIds: z.array(z.uuid()).min(1) }),
    maxAttempts: A_DAY_OF_ATTEMPTS,
  }),
  /** Reads an app's users into an import run's snapshot; one per app at a time. */
  importFetch: defineJob({
    task: "import-fetch",
    // appId is optional only for jobs queued before it was part of the payload.
    payload: z.object({ runId: z.uuid(), appId: z.uuid().optional() }),
    key: ({ runId, appId }) => `import-fetch:${appId ?? runId}`,
    maxAttempts: 3,
  }),
  /** Applies the people an admin confirmed from an import run. */
  importConfirm: defineJob({
    task: "import-confirm",
    payload: z.object({
      runId: z.uuid(),
      selection: importSelection,
      actor: z.object({ id: z.uuid().nullable(), label: z.string() }),
      ip: z.string().nullable(),
    }),
    maxAttempts: 3,
  }),
};

export type JobPayload<Contract> = Contract extends JobContract<infer Payload> ? Payload : never;
