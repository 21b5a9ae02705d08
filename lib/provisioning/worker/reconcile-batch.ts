import "server-only";
import { MAPPABLE_PERSON_SELECT } from "../../directory/users/mappable-person";
import type { Prisma } from "../../generated/prisma/client";
import { db, type Tx } from "../../db";
import type { ScimUser } from "../../scim";
import { toMappingRules } from "../apps/field-mappings";
import { getConnector } from "../connectors/catalog";
import { mapValues, toScimUser, type MappedValues } from "../mapping/build-scim-user";
import { diffValues, planOperations, type Desired } from "../plan/plan-operations";
import { enqueueReconcile } from "../queue/mark-for-reconcile";
import { userCallsFor } from "./app-clients";
import { pairLockKey, reconcileLocked } from "./reconcile-user";
import { remoteSnapshot } from "./remote-snapshot";

export interface BatchOptions {
  syncRunId?: string | null;
  /** The job's attempt: a retried batch (its worker died) trusts no snapshot and looks everyone up. */
  attempt: number;
}

export interface BatchResult {
  /** People brought in line or given up on, for the sync run's progress. */
  done: number;
  failed: number;
  /** People passed to their own `reconcile` job (a retryable failure or an ambiguous create); it counts them. */
  handedOff: number;
}

/** A person the snapshot proved absent from the app, to be created without a lookup of their own. */
interface QuickCreate {
  userId: string;
  label: string;
  values: MappedValues;
}

/**
 * Reconciles many people of one app in one transaction: the unit a "Sync now"
 * queues. The result is the same as reconciling each person alone, but the
 * common case of a first sync, a person with no account yet, costs one POST
 * and a share of a few bulk statements instead of two lookups, a POST and a
 * transaction of their own.
 *
 * - The pairs' advisory locks are all taken first, in a fixed order (two batches
 *   cannot deadlock), so no other reconcile of these people runs meanwhile.
 * - A person planned for CREATE is looked up in the run's remote snapshot; only
 *   when it proves them absent is the POST sent straight away. Everyone else
 *   (updates, deactivations, someone already in the app, a retried batch) goes
 *   through the one-person reconcile, inside this transaction.
 * - A create that fails in any way is not retried here: the person gets their
 *   own `reconcile` job, which looks them up before creating again.
 */
export async function reconcileBatch(appId: string, userIds: readonly string[], options: BatchOptions): Promise<BatchResult> {
  const ordered = [...new Set(userIds)].sort();
  const result = await db.$transaction(
    async (tx) => {
      await tx.$executeRaw`
        SELECT pg_advisory_xact_lock(hashtextextended(key, 0))
        FROM unnest(${ordered.map((userId) => pairLockKey(appId, userId))}::text[]) WITH ORDINALITY AS keys(key, position)
        ORDER BY position`;
      return new Batch(tx, appId, options).run(ordered);
    },
    { timeout: 10 * 60_000, maxWait: 60_000 },
  );
  return result;
}

class Batch {
  readonly result: BatchResult = { done: 0, failed: 0, handedOff: 0 };
  /** People whose own `reconcile` job takes over, with when to start it. */
  readonly handOffs: { userId: string; runAt: Date | null }[] = [];

  constructor(
    readonly tx: Tx,
    readonly appId: string,
    readonly options: BatchOptions,
  ) {}

  async run(userIds: string[]): Promise<BatchResult> {
    const tx = this.tx;
    const app = await tx.app.findUnique({
      where: { id: this.appId },
      select: {
        id: true,
        organizationId: true,
        catalogKey: true,
        state: true,
        baseUrl: true,
        tokenCiphertext: true,
        tokenUpdatedAt: true,
        maxConcurrency: true,
        maxRequestsPerSecond: true,
        syncCreate: true,
        syncUpdate: true,
        syncDelete: true,
        syncActivation: true,
        organization: { select: { name: true } },
        fieldMappings: { select: { target: true, sourceField: true, hardcodedValue: true } },
      },
    });
    // Not active (or gone): the one-person reconcile says why for each, and sends nothing.
    if (!app || app.state !== "ACTIVE") return this.reconcileEach(userIds);

    const [people, accounts] = await Promise.all([
      tx.user.findMany({
        where: { id: { in: userIds }, organizationId: app.organizationId },
        select: { ...MAPPABLE_PERSON_SELECT, assignments: { where: { appId: app.id }, select: { appId: true } } },
      }),
      tx.account.findMany({ where: { appId: app.id, userId: { in: userIds } }, select: { userId: true, remoteId: true, state: true, pushedValues: true } }),
    ]);
    const personById = new Map(people.map((person) => [person.id, person]));
    const accountById = new Map(accounts.map((account) => [account.userId, account]));
    const rules = toMappingRules(app.fieldMappings);

    const creates: QuickCreate[] = [];
    const others: string[] = [];
    for (const userId of userIds) {
      const person = personById.get(userId);
      const account = accountById.get(userId);
      const desired: Desired = person
        ? { exists: true, assigned: person.assignments.length > 0, active: person.status === "ACTIVE", values: mapValues(person, rules, { organizationName: app.organization.name }) }
        : { exists: false };
      const plan = planOperations(desired, account ? { remoteId: account.remoteId, state: account.state, pushedValues: account.pushedValues as MappedValues } : null, app);
      if (plan.length === 0) {
        this.result.done += 1; // Already in line: nothing to send and nothing to log.
      } else if (plan.length === 1 && plan[0]!.kind === "CREATE" && person) {
        creates.push({ userId, label: `${person.firstName} ${person.lastName} <${person.email}>`, values: plan[0]!.values });
      } else {
        others.push(userId);
      }
    }

    if (creates.length > 0) {
      const users = userCallsFor(app);
      const snapshot = this.options.attempt > 1 ? null : await remoteSnapshot(`${app.id}:${this.options.syncRunId ?? "-"}`, users, getConnector(app.catalogKey)?.quirks.maxPageSize ?? 100);
      const quick = snapshot ? creates.filter((create) => !snapshot.has(create.userId, create.values.userName)) : [];
      const quickIds = new Set(quick.map((create) => create.userId));
      others.push(...creates.filter((create) => !quickIds.has(create.userId)).map((create) => create.userId));
      await this.createAll(quick, users.create);
    }
    await this.reconcileEach(others);
    await enqueueHandOffs(tx, this.appId, this.handOffs, this.options.syncRunId);
    return this.result;
  }

  /** The people the batch does not handle in bulk, one by one with the full reconcile. */
  async reconcileEach(userIds: readonly string[]): Promise<BatchResult> {
    for (const userId of userIds) {
      const outcome = await reconcileLocked(this.tx, this.appId, userId, { syncRunId: this.options.syncRunId, attempt: this.options.attempt });
      if (outcome.retry) {
        this.handOffs.push({ userId, runAt: outcome.retry.retryAfterMs === null ? null : new Date(Date.now() + outcome.retry.retryAfterMs) });
        this.result.handedOff += 1;
      } else if (outcome.steps.some((step) => step.outcome === "failed")) {
        this.result.failed += 1;
      } else {
        this.result.done += 1;
      }
    }
    return this.result;
  }

  /** POSTs every create at once (the app's client keeps to its limits) and records the successes in bulk. */
  async createAll(creates: readonly QuickCreate[], create: (user: ReturnType<typeof toScimUser>) => Promise<ScimUser>): Promise<void> {
    if (creates.length === 0) return;
    const started = Date.now();
    const settled = await Promise.allSettled(creates.map((person) => create(toScimUser(person.userId, person.values, true)).then((remote) => ({ remote, durationMs: Date.now() - started }))));

    const created: { person: QuickCreate; remote: ScimUser; durationMs: number }[] = [];
    settled.forEach((outcome, index) => {
      const person = creates[index]!;
      if (outcome.status === "fulfilled") {
        created.push({ person, ...outcome.value });
      } else {
        // 409, a timeout that may have created it after all, a refusal: the person's own job looks before it acts, and logs what happens.
        const retryAfterMs = (outcome.reason as { retryAfterMs?: number | null }).retryAfterMs ?? null;
        this.handOffs.push({ userId: person.userId, runAt: retryAfterMs === null ? null : new Date(Date.now() + retryAfterMs) });
        this.result.handedOff += 1;
      }
    });
    if (created.length === 0) return;

    const now = new Date();
    const existing = await this.tx.account.findMany({ where: { appId: this.appId, userId: { in: created.map((entry) => entry.person.userId) } }, select: { userId: true } });
    const hasRow = new Set(existing.map((row) => row.userId));
    const accountData = (entry: (typeof created)[number]) => ({
      remoteId: entry.remote.id,
      remoteUserName: entry.remote.userName,
      pushedValues: entry.person.values as Prisma.InputJsonValue,
      state: "ACTIVE" as const,
      userLabel: entry.person.label,
      lastError: null,
      lastErrorAt: null,
      lastSyncedAt: now,
    });
    await this.tx.account.createMany({
      data: created.filter((entry) => !hasRow.has(entry.person.userId)).map((entry) => ({ appId: this.appId, userId: entry.person.userId, ...accountData(entry) })),
    });
    // A row left from an account deleted earlier: rare, so one update each.
    for (const entry of created.filter((candidate) => hasRow.has(candidate.person.userId))) {
      await this.tx.account.update({ where: { appId_userId: { appId: this.appId, userId: entry.person.userId } }, data: accountData(entry) });
    }
    await this.tx.operation.createMany({
      data: created.map((entry) => ({
        appId: this.appId,
        userId: entry.person.userId,
        userLabel: entry.person.label,
        syncRunId: this.options.syncRunId ?? null,
        kind: "CREATE" as const,
        status: "SUCCEEDED" as const,
        httpStatus: 201,
        changes: diffValues({}, entry.person.values) as Prisma.InputJsonValue,
        attempt: this.options.attempt,
        durationMs: entry.durationMs,
        createdAt: now,
      })),
    });
    this.result.done += created.length;
  }
}

/** Gives each handed-off person a `reconcile` job of their own, committed with the batch. */
async function enqueueHandOffs(tx: Tx, appId: string, handOffs: readonly { userId: string; runAt: Date | null }[], syncRunId: string | null | undefined): Promise<void> {
  const now = handOffs.filter((handOff) => handOff.runAt === null).map((handOff) => handOff.userId);
  await enqueueReconcile(tx, [appId], now, { syncRunId: syncRunId ?? undefined });
  for (const handOff of handOffs.filter((candidate) => candidate.runAt !== null)) {
    await enqueueReconcile(tx, [appId], [handOff.userId], { syncRunId: syncRunId ?? undefined, runAt: handOff.runAt! });
  }
}
