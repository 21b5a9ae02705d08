/**
 * The worker's jobs, in one table: each task's name, the zod schema of its payload, its job key,
 * its queue and its attempts. Producers queue through `enqueue`/`enqueueMany` (lib/queue/enqueue.ts)
 * and the worker's task list parses with the same schemas, so a payload is spelled in one place only.
 * No database: usable by the directory and the engine alike.
 *
 * Every job that talks to an app runs in one of that app's named queues (graphile-worker runs the
 * jobs of one queue one at a time, and a worker claims a job only together with its queue's lock),
 * so a slow or failing app holds at most its own queues' slots, never the whole worker:
 * WORKER_APP_LANES for single reconciles, RUN_LANES for a Sync now run's batches, one for imports.
 */
import { z } from "zod";
import { readEnv } from "../env";

export interface JobContract<Payload> {
  task: string;
  payload: z.ZodType<Payload>;
  /** Jobs with the same key coalesce: a repeat replaces the pending job instead of adding one. */
  key?: (payload: Payload) => string;
  /** The named queue the job runs in: one job of a queue at a time. None for a job that may run beside any other. */
  queue?: (payload: Payload) => string | undefined;
  maxAttempts: number;
}

function defineJob<Payload>(contract: JobContract<Payload>): JobContract<Payload> {
  return contract;
}

/** With graphile-worker's exponential backoff, 25 attempts span about a day. */
const A_DAY_OF_ATTEMPTS = 25;

/** A Sync now run's batches of one app run two at a time, so one batch's database work overlaps the other's requests. */
export const RUN_LANES = 2;

/** FNV-1a over the UTF-16 code units: the same lane for the same id in every process and every release. */
function stableHash(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return hash >>> 0;
}

/** Which of `lanes` lanes `id` belongs to. */
export function laneOf(id: string, lanes: number): number {
  return stableHash(id) % lanes;
}

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
    // A person is always in the same lane of the app, so two reconciles of one pair never run at once (a repeat
    // queued while one runs becomes a second job: graphile-worker takes the key off the running one).
    queue: ({ appId, userId }) => `app:${appId}:lane:${laneOf(userId, readEnv("WORKER_APP_LANES"))}`,
    maxAttempts: A_DAY_OF_ATTEMPTS,
  }),
  /** A Sync now run's people, a batch at a time; whoever a batch cannot finish goes to their own `reconcile`. */
  reconcileBatch: defineJob({
    task: "reconcile-batch",
    payload: z.object({ appId: z.uuid(), syncRunId: z.uuid(), userIds: z.array(z.uuid()).min(1) }),
    queue: ({ appId, userIds }) => `app:${appId}:run:${laneOf(userIds[0]!, RUN_LANES)}`,
    maxAttempts: A_DAY_OF_ATTEMPTS,
  }),
  /**
   * People whose access to the app changed all at once (a group assigned, unassigned or deleted, or many people
   * joining or leaving an assigned group): the engine reconciles them as one sync run with progress, in batches,
   * instead of one queued job per person. No queue: it only writes the run and its batches.
   */
  reconcilePeople: defineJob({
    task: "reconcile-people",
    payload: z.object({
      appId: z.uuid(),
      userIds: z.array(z.uuid()).min(1).max(10_000),
      /** What changed, in words, for the run's label ("Engineering assigned"). */
      reason: z.string().min(1).max(300),
    }),
    maxAttempts: A_DAY_OF_ATTEMPTS,
  }),
  /**
   * Brings one pushed group in line in the app: the group itself (create, link, rename, delete) and its members. Runs in
   * the app's own lanes; the key coalesces the repeats a membership change or a run's creates cause.
   */
  reconcileGroup: defineJob({
    task: "reconcile-group",
    payload: z.object({ appId: z.uuid(), groupId: z.uuid() }),
    key: ({ appId, groupId }) => `reconcile-group:${appId}:${groupId}`,
    queue: ({ appId, groupId }) => `app:${appId}:lane:${laneOf(groupId, readEnv("WORKER_APP_LANES"))}`,
    maxAttempts: A_DAY_OF_ATTEMPTS,
  }),
  /** Reads an app's users into an import run's snapshot; one per app at a time. */
  importFetch: defineJob({
    task: "import-fetch",
    // appId is optional only for jobs queued before it was part of the payload.
    payload: z.object({ runId: z.uuid(), appId: z.uuid().optional() }),
    key: ({ runId, appId }) => `import-fetch:${appId ?? runId}`,
    queue: ({ appId }) => (appId ? `app:${appId}:import` : undefined),
    maxAttempts: 3,
  }),
  /**
   * Applies the people an admin confirmed from an import run. No queue: it writes to the directory only (the
   * app's values come from the run's snapshot, and the reconciles it marks run in the app's lanes), so a slow
   * app cannot hold it up.
   */
  importConfirm: defineJob({
    task: "import-confirm",
    payload: z.object({
      runId: z.uuid(),
      selection: importSelection,
      actor: z.object({ id: z.uuid().nullable(), label: z.string() }),
      ip: z.string().nullable(),
      /** Add the imported people to directory groups named as their groups in the app, creating the missing ones. */
      joinGroups: z.boolean().optional(),
    }),
    maxAttempts: 3,
  }),
};

export type JobPayload<Contract> = Contract extends JobContract<infer Payload> ? Payload : never;
