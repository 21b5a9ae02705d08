import "server-only";
import pLimit, { type LimitFunction } from "p-limit";
import { setTimeout as sleep } from "node:timers/promises";
import { jobs } from "../../queue/jobs";
import { ListingLimitError } from "../../scim/list-all-pages";
import { effectiveMappingRules } from "../apps/field-mappings";
import { getConnector } from "../connectors/catalog";
import type { TargetPath } from "../mapping/target-attributes";
import { userCallsFor } from "./app-clients";
import { executePair, failPair, holdPair, outcomeWithoutRequests, type AccountRecord, type ExecuteContext, type PairOutcome } from "./execute";
import { loadApp, loadPairs, type PairState, type SyncApp } from "./load";
import { lockPairs, type PairLocks } from "./pair-locks";
import { finishDeactivationRun } from "./deactivate-before-delete";
import { DEACTIVATE_ALL_CONTEXT, DEACTIVATE_ALL_NOTE, planPair, type PairPlan, type PlanContext, type SyncStep } from "./plan";
import { quarantineIfFailingRepeatedly } from "./quarantine";
import { recordOutcomes, type RecordOptions } from "./record";
import { remoteSnapshot, type RemoteSnapshot } from "./remote-snapshot";

/**
 * The one path from the directory's truth to an app, for one pair or many:
 * lock the pairs → load them (one statement) → plan (pure) → execute (SCIM requests, no database)
 * → record (one short transaction) → unlock.
 *
 * A single edit's `reconcile` job is a batch of one; a Sync now `reconcile-batch` job is a batch of
 * up to 250; Provision now is a batch of one that returns its steps; Dry run is load and plan only
 * (planAppSync). No database transaction is open while a request to the app is in flight.
 */

export interface SyncPairsOptions {
  syncRunId?: string | null;
  /** The job's attempt: a retried batch (its worker died) trusts no snapshot and looks everyone up. */
  attempt?: number;
  /**
   * A Sync now batch: creates may rely on the run's snapshot of the app, and whoever must be tried
   * again (a retryable failure, or a pair another sync holds) gets a `reconcile` job of their own.
   */
  batch?: boolean;
  /** Provision now: a failure to retry is queued as the pair's own job, since no job is running it. */
  queueRetries?: boolean;
  /** How long to wait for a pair that another sync holds (Provision now); by default not at all. */
  waitForLockMs?: number;
}

export interface SyncPairsResult {
  outcomes: PairOutcome[];
  /** People another sync held: nothing was done for them here. */
  busy: string[];
}

/** How soon a pair that another sync held is tried again. */
const BUSY_RETRY_MS = 1_000;

export async function syncPairs(appId: string, userIds: readonly string[], options: SyncPairsOptions = {}): Promise<SyncPairsResult> {
  const syncRunId = options.syncRunId ?? null;
  const attempt = options.attempt ?? 1;
  const app = await loadApp(appId);
  if (!app) {
    // The app was deleted: there is nothing to bring in line, and its run (if any) went with it.
    return { outcomes: [], busy: [] };
  }
  // The run that deactivates every account before the app is deleted: the same engine, with everyone wanted inactive.
  const deactivateAll = syncRunId !== null && app.deletionRunId === syncRunId;
  const locks = await lockWaiting(appId, userIds, options.waitForLockMs ?? 0);
  const recorder = new Recorder(appId, locks, { ...options, syncRunId, attempt, pushGroups: app.pushGroups, countAfterRetries: deactivateAll });
  try {
    const pairs = await loadPairs(app, locks.locked);
    const context = deactivateAll ? DEACTIVATE_ALL_CONTEXT : planContext(app);
    const plans = pairs.map((pair) => planPair(pair, context));
    // Pairs with nothing to send are let go now, not when their outcome is recorded: an edit made meanwhile gets its own
    // job, which would otherwise find the pair busy. Their outcome writes nothing but the run's progress.
    const idle = plans.filter((plan) => plan.operations.length === 0).map((plan) => plan.userId);
    if (idle.length > 0 && idle.length < plans.length) await locks.release(idle);
    try {
      await carryOut(app, pairs, plans, { batch: options.batch === true, attempt, syncRunId, context }, (outcome) =>
        recorder.add(deactivateAll ? noteDeactivation(outcome) : outcome),
      );
    } catch (error) {
      // What was done before the failure is still recorded.
      await recorder.close().catch(() => {});
      throw error;
    }
    await recorder.close();
  } finally {
    await locks.release();
  }
  // The app goes once its deactivation run has finished without failures (or stays, saying why).
  if (deactivateAll) await finishDeactivationRun(appId, syncRunId);
  return { outcomes: recorder.outcomes, busy: locks.busy };
}

/** A deactivate-everyone run's log rows say why the account was deactivated whatever the sync actions say. */
function noteDeactivation(outcome: PairOutcome): PairOutcome {
  return { ...outcome, records: outcome.records.map((record) => ({ ...record, message: record.message ?? DEACTIVATE_ALL_NOTE })) };
}

/** Outcomes are recorded this many at a time (a whole batch when the app is quick), or after this long, whichever comes first. */
const RECORD_EVERY_OUTCOMES = 250;
const RECORD_EVERY_MS = 500;

/**
 * Records a batch's outcomes as its pairs finish, a few at a time, instead of all at its end: the log and
 * the run's progress move while a slow app's batch is still going, and each pair's lock is released as
 * soon as its outcome is recorded, so a later edit of that person need not wait for the whole batch.
 */
class Recorder {
  readonly outcomes: PairOutcome[] = [];
  private pending: PairOutcome[] = [];
  private timer: NodeJS.Timeout | null = null;
  private writing: Promise<void> = Promise.resolve();
  private failure: unknown = null;

  constructor(
    readonly appId: string,
    readonly locks: PairLocks,
    readonly options: SyncPairsOptions & {
      syncRunId: string | null;
      attempt: number;
      pushGroups: boolean;
      /**
       * A deletion's deactivation run counts a person only once they are deactivated or out of attempts: the app is
       * deleted when the run ends without failures, so a passing 503 must not end it as failed while a retry is coming.
       */
      countAfterRetries: boolean;
    },
  ) {}

  add(outcome: PairOutcome) {
    this.outcomes.push(outcome);
    this.pending.push(outcome);
    if (this.pending.length >= RECORD_EVERY_OUTCOMES) this.flush();
    else this.timer ??= setTimeout(() => this.flush(), RECORD_EVERY_MS);
  }

  /** Writes what is pending, after any write already under way (one at a time, in order). */
  private flush(final = false) {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const outcomes = this.pending;
    this.pending = [];
    if (outcomes.length === 0 && !final) return;
    this.writing = this.writing
      .then(() => this.write(outcomes, final))
      .catch((error: unknown) => {
        this.failure ??= error;
      });
  }

  private async write(outcomes: PairOutcome[], final: boolean) {
    const { batch, queueRetries, syncRunId, attempt } = this.options;
    const followUps: RecordOptions["followUps"] = [
      ...(batch || queueRetries
        ? outcomes.filter((outcome) => outcome.retry !== null).map((outcome) => ({ userId: outcome.userId, runAt: runAtFor(outcome.retry!.retryAfterMs) }))
        : []),
      // Pairs another sync held: their own job comes back to them in a moment.
      ...(batch && final ? this.locks.busy.map((userId) => ({ userId, runAt: new Date(Date.now() + BUSY_RETRY_MS) })) : []),
    ];
    // A batch counts whoever it finished; those it passes on count in their own job, on their first attempt (on their
    // last one, for a deletion's run).
    const lastAttempt = attempt >= jobs.reconcile.maxAttempts;
    const counted = batch || (this.options.countAfterRetries && !lastAttempt) ? outcomes.filter((outcome) => outcome.retry === null) : outcomes;
    await recordOutcomes(outcomes, {
      appId: this.appId,
      syncRunId,
      attempt,
      followUps,
      progress: syncRunId ? counted.map((outcome) => ({ userId: outcome.userId, failed: outcome.failed || outcome.retry !== null })) : [],
      // An account created, linked, (de)activated or deleted changes the members of the pushed groups its person is in.
      membersChanged: this.options.pushGroups
        ? outcomes
            .filter((outcome) => outcome.records.some((record) => record.status === "SUCCEEDED" && record.kind !== "UPDATE"))
            .map((outcome) => outcome.userId)
        : [],
    });
    await this.locks.release(outcomes.map((outcome) => outcome.userId));
    if (outcomes.some((outcome) => outcome.failed)) await quarantineIfFailingRepeatedly(this.appId);
  }

  async close() {
    this.flush(true);
    await this.writing;
    if (this.failure) throw this.failure;
  }
}

async function lockWaiting(appId: string, userIds: readonly string[], waitMs: number): Promise<PairLocks> {
  const deadline = Date.now() + waitMs;
  for (;;) {
    const locks = await lockPairs(appId, userIds);
    if (locks.busy.length === 0 || Date.now() >= deadline) return locks;
    await locks.release();
    await sleep(100);
  }
}

function runAtFor(retryAfterMs: number | null): Date | null {
  return retryAfterMs === null ? null : new Date(Date.now() + retryAfterMs);
}

export function planContext(
  app: Pick<SyncApp, "catalogKey" | "fieldMappings" | "organization" | "syncCreate" | "syncUpdate" | "syncDelete" | "syncActivation">,
): PlanContext {
  return {
    rules: effectiveMappingRules(app),
    organizationName: app.organization.name,
    actions: { syncCreate: app.syncCreate, syncUpdate: app.syncUpdate, syncDelete: app.syncDelete, syncActivation: app.syncActivation },
  };
}

function accountOf(pair: PairState): AccountRecord | null {
  const account = pair.account;
  return account
    ? {
        remoteId: account.remoteId,
        remoteUserName: account.remoteUserName,
        externalId: account.externalId,
        pushedValues: account.pushedValues,
        state: account.state,
      }
    : null;
}

/** Carries out the plans, handing each pair's outcome to `done` as soon as it has one. */
async function carryOut(
  app: SyncApp,
  pairs: readonly PairState[],
  plans: readonly PairPlan[],
  run: { batch: boolean; attempt: number; syncRunId: string | null; context: PlanContext },
  done: (outcome: PairOutcome) => void,
): Promise<void> {
  if (app.state === "DRAFT") {
    const step: SyncStep = { step: "App", outcome: "info", detail: "Nothing was sent because provisioning is not set up yet." };
    for (const plan of plans) done(outcomeWithoutRequests(plan, [step]));
    return;
  }
  // A deactivate-everyone run is the admin's explicit choice: it is sent although the app is paused for its deletion.
  if (app.state !== "ACTIVE" && !run.context.deactivateAll) {
    for (const plan of plans) done(holdPair(plan, app.state as "PAUSED" | "QUARANTINED"));
    return;
  }

  const users = userCallsFor(app);
  const connector = getConnector(app.catalogKey);
  const base: ExecuteContext = {
    users,
    usePut: (app.serverCapabilities as { patch?: boolean | null } | null)?.patch === false,
    targets: (connector?.targets ?? []) as readonly TargetPath[],
    actions: run.context.actions,
  };
  const createsOnly = (plan: PairPlan) => plan.operations.length === 1 && plan.operations[0]!.kind === "CREATE" && plan.desired.exists;

  // A Sync now batch's creates: the run's snapshot of the app proves most people absent, so they are created without a lookup each.
  let snapshot: RemoteSnapshot | null = null;
  let listingRefused: string | null = null;
  if (run.batch && run.attempt === 1 && plans.some(createsOnly)) {
    try {
      snapshot = await remoteSnapshot(`${app.id}:${run.syncRunId ?? "-"}`, users, connector?.quirks.maxPageSize ?? 100);
    } catch (error) {
      // The app claims or sends more users than Roster will list: its answers cannot be trusted to create accounts by.
      if (!(error instanceof ListingLimitError)) throw error;
      listingRefused = error.message;
    }
  }

  // A batch's pairs take slots shared by every batch of the app in this process (twice the app's concurrency), so the
  // client's queue stays short however many batches run at once: a single edit arriving meanwhile (its own job, its
  // own requests) waits behind a few requests, not behind every batch's. A batch of one keeps a limit of its own.
  const limit = run.batch ? batchPairSlots(app) : pLimit(Math.max(1, app.maxConcurrency));
  await Promise.all(
    plans.map(async (plan, index) => {
      if (plan.operations.length === 0) {
        return done(
          outcomeWithoutRequests(plan, [
            ...plan.explanation,
            { step: "Sent", outcome: "ok", detail: "Nothing to change: the app already matches the directory." },
          ]),
        );
      }
      if (listingRefused !== null && createsOnly(plan)) return done(failPair(plan, listingRefused));
      const provenAbsent =
        snapshot !== null && createsOnly(plan) && !snapshot.has(plan.userId, (plan.operations[0] as { values: { userName?: string } }).values.userName);
      done(await limit(() => executePair({ ...base, provenAbsent }, plan, accountOf(pairs[index]!)).catch((error: unknown) => internalFailure(plan, error))));
    }),
  );
}

/**
 * The pairs of an app's Sync now batches in flight in this process, across batches: with one limit per batch, many
 * batches of one app queued about 1,000 requests in its client, and a single edit's request waited behind them all.
 */
const batchSlots = new Map<string, { size: number; limit: LimitFunction }>();

function batchPairSlots(app: Pick<SyncApp, "id" | "maxConcurrency">): LimitFunction {
  const size = 2 * Math.max(1, app.maxConcurrency);
  let entry = batchSlots.get(app.id);
  if (entry?.size !== size) {
    entry = { size, limit: pLimit(size) };
    batchSlots.set(app.id, entry);
  }
  return entry.limit;
}

/** A pair whose execution broke on something that is not the app's answer (a bug, a lost connection): logged, and tried again. */
function internalFailure(plan: PairPlan, error: unknown): PairOutcome {
  const message = `Roster could not finish this change: ${error instanceof Error ? error.message : String(error)} It will try again.`;
  const failed = failPair(plan, message);
  return {
    ...failed,
    records: failed.records.map((record) => ({
      ...record,
      kind: (plan.operations[0]?.kind === "SKIP" ? "UPDATE" : (plan.operations[0]?.kind ?? "UPDATE")) as never,
      errorKind: null,
    })),
    retry: { retryAfterMs: null, reason: message },
  };
}

export interface ReconcileResult {
  steps: SyncStep[];
  /** A retryable failure: try again later (after `retryAfterMs` when the app said so). */
  retry: null | { retryAfterMs: number | null; reason: string };
  changed: boolean;
  /** Another sync held the pair: nothing was done; try again in a moment. */
  busy: boolean;
}

/** Brings one person's account in one app in line: a batch of one. */
export async function reconcileUser(appId: string, userId: string, options: Omit<SyncPairsOptions, "batch"> = {}): Promise<ReconcileResult> {
  const { outcomes, busy } = await syncPairs(appId, [userId], options);
  if (busy.length > 0) {
    return {
      steps: [{ step: "App", outcome: "info", detail: "Another change to this person is being sent to the app right now; Roster tries again in a moment." }],
      retry: { retryAfterMs: BUSY_RETRY_MS, reason: "Another sync of this person was running." },
      changed: false,
      busy: true,
    };
  }
  const outcome = outcomes[0];
  if (!outcome) return { steps: [], retry: null, changed: false, busy: false };
  return { steps: outcome.steps, retry: outcome.retry, changed: outcome.changed, busy: false };
}
