import "server-only";
import { db, type Tx } from "../../db";
import { Prisma } from "../../generated/prisma/client";
import type { ScimUser } from "../../scim";
import { ListingLimitError } from "../../scim/list-all-pages";
import { toMappingRules } from "../apps/field-mappings";
import { getConnector } from "../connectors/catalog";
import { mapValues, toScimUser, type MappedValues } from "../mapping/build-scim-user";
import { diffValues, planOperations, type Desired, type KnownAccount } from "../plan/plan-operations";
import type { DirectoryPerson } from "../mapping/directory-fields";
import { enqueueReconcile } from "../../queue/mark-for-reconcile";
import { userCallsFor } from "./app-clients";
import { pairLockKey, quarantineIfFailingRepeatedly, RECONCILE_APP_SELECT, reconcileLocked } from "./reconcile-user";
import { remoteSnapshot, type RemoteSnapshot } from "./remote-snapshot";

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
  /** Who of the batch failed, and who was handed off, for the run's per-person count. */
  failedUserIds: string[];
  handedOffUserIds: string[];
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
  if (result.failed > 0) await quarantineIfFailingRepeatedly(appId);
  return result;
}

class Batch {
  readonly result: BatchResult = { done: 0, failed: 0, handedOff: 0, failedUserIds: [], handedOffUserIds: [] };
  /** People whose own `reconcile` job takes over, with when to start it. */
  readonly handOffs: { userId: string; runAt: Date | null }[] = [];

  constructor(
    readonly tx: Tx,
    readonly appId: string,
    readonly options: BatchOptions,
  ) {}

  async run(userIds: string[]): Promise<BatchResult> {
    const tx = this.tx;
    const app = await tx.app.findUnique({ where: { id: this.appId }, select: RECONCILE_APP_SELECT });
    // Not active (or gone): the one-person reconcile says why for each, and sends nothing.
    if (!app || app.state !== "ACTIVE") {
      await this.reconcileEach(userIds);
      return this.finish();
    }

    const rows = await readPeople(tx, app.id, app.organizationId, userIds);
    const rules = toMappingRules(app.fieldMappings);

    const creates: QuickCreate[] = [];
    const others: string[] = [];
    for (const row of rows) {
      const person = row.person;
      const desired: Desired = person
        ? {
            exists: true,
            assigned: row.assigned,
            active: person.status === "ACTIVE",
            values: mapValues(person, rules, { organizationName: app.organization.name }),
          }
        : { exists: false };
      const plan = planOperations(desired, row.account, app);
      if (plan.length === 0) {
        this.result.done += 1; // Already in line: nothing to send and nothing to log.
      } else if (plan.length === 1 && plan[0]!.kind === "CREATE" && person) {
        creates.push({ userId: row.userId, label: `${person.firstName} ${person.lastName} <${person.email}>`, values: plan[0]!.values });
      } else {
        others.push(row.userId);
      }
    }

    if (creates.length > 0) {
      const users = userCallsFor(app);
      let snapshot: RemoteSnapshot | null;
      try {
        snapshot =
          this.options.attempt > 1
            ? null
            : await remoteSnapshot(`${app.id}:${this.options.syncRunId ?? "-"}`, users, getConnector(app.catalogKey)?.quirks.maxPageSize ?? 100);
      } catch (error) {
        // The app claims or sends more users than Roster will list: the endpoint is wrong or lying, and its answers
        // cannot be trusted to create accounts by. Nobody is created; each is logged as failed with the reason.
        if (!(error instanceof ListingLimitError)) throw error;
        await this.failAll(creates, error.message);
        await this.reconcileEach(others);
        return this.finish();
      }
      const quick = snapshot ? creates.filter((create) => !snapshot.has(create.userId, create.values.userName)) : [];
      const quickIds = new Set(quick.map((create) => create.userId));
      others.push(...creates.filter((create) => !quickIds.has(create.userId)).map((create) => create.userId));
      await this.createAll(quick, users.create);
    }
    await this.reconcileEach(others);
    return this.finish();
  }

  /** Queues the hand-offs in this transaction, so they exist if and only if the batch commits. */
  async finish(): Promise<BatchResult> {
    await enqueueHandOffs(this.tx, this.appId, this.handOffs, this.options.syncRunId);
    return this.result;
  }

  /** The people the batch does not handle in bulk, one by one with the full reconcile. */
  async reconcileEach(userIds: readonly string[]): Promise<void> {
    for (const userId of userIds) {
      const outcome = await reconcileLocked(this.tx, this.appId, userId, { syncRunId: this.options.syncRunId, attempt: this.options.attempt });
      if (outcome.retry) {
        this.handOffs.push({ userId, runAt: outcome.retry.retryAfterMs === null ? null : new Date(Date.now() + outcome.retry.retryAfterMs) });
        this.result.handedOff += 1;
        this.result.handedOffUserIds.push(userId);
      } else if (outcome.steps.some((step) => step.outcome === "failed")) {
        this.result.failed += 1;
        this.result.failedUserIds.push(userId);
      } else {
        this.result.done += 1;
      }
    }
  }

  /** Creates that cannot be sent: one FAILED row each with the reason, counted as failed in the run, not retried. */
  async failAll(creates: readonly QuickCreate[], message: string): Promise<void> {
    const now = new Date();
    await this.tx.operation.createMany({
      data: creates.map((person) => ({
        appId: this.appId,
        userId: person.userId,
        userLabel: person.label,
        syncRunId: this.options.syncRunId ?? null,
        kind: "CREATE" as const,
        status: "FAILED" as const,
        message,
        attempt: this.options.attempt,
        createdAt: now,
      })),
    });
    await this.tx.account.updateMany({
      where: { appId: this.appId, userId: { in: creates.map((person) => person.userId) } },
      data: { lastError: message, lastErrorAt: now },
    });
    this.result.failed += creates.length;
    this.result.failedUserIds.push(...creates.map((person) => person.userId));
  }

  /** POSTs every create at once (the app's client keeps to its limits) and records the successes in bulk. */
  async createAll(creates: readonly QuickCreate[], create: (user: ReturnType<typeof toScimUser>) => Promise<ScimUser>): Promise<void> {
    if (creates.length === 0) return;
    const started = Date.now();
    const settled = await Promise.allSettled(
      creates.map((person) => create(toScimUser(person.userId, person.values, true)).then((remote) => ({ remote, durationMs: Date.now() - started }))),
    );

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
        this.result.handedOffUserIds.push(person.userId);
      }
    });
    if (created.length === 0) return;

    // Bulk statements in plain SQL: through the ORM, building these two for a batch of rows cost more CPU than its POSTs.
    const now = new Date();
    const accounts = created.map(({ person, remote }) => ({
      user_id: person.userId,
      user_label: person.label,
      remote_id: remote.id,
      remote_user_name: remote.userName,
      pushed_values: person.values,
    }));
    await this.tx.$executeRaw`
      INSERT INTO accounts (id, app_id, user_id, user_label, remote_id, remote_user_name, pushed_values, state, last_synced_at, updated_at)
      SELECT gen_random_uuid(), ${this.appId}::uuid, r.user_id, r.user_label, r.remote_id, r.remote_user_name, r.pushed_values, 'ACTIVE'::"AccountState", ${now}, ${now}
      FROM jsonb_to_recordset(${JSON.stringify(accounts)}::jsonb) AS r(user_id uuid, user_label text, remote_id text, remote_user_name text, pushed_values jsonb)
      ON CONFLICT (app_id, user_id) DO UPDATE SET
        user_label = excluded.user_label, remote_id = excluded.remote_id, remote_user_name = excluded.remote_user_name,
        pushed_values = excluded.pushed_values, state = excluded.state, last_error = NULL, last_error_at = NULL,
        last_synced_at = excluded.last_synced_at, updated_at = excluded.updated_at`;
    const operations = created.map(({ person, durationMs }) => ({
      user_id: person.userId,
      user_label: person.label,
      changes: diffValues({}, person.values),
      duration_ms: durationMs,
    }));
    await this.tx.$executeRaw`
      INSERT INTO operations (id, app_id, user_id, user_label, sync_run_id, kind, status, http_status, changes, attempt, duration_ms, created_at)
      SELECT gen_random_uuid(), ${this.appId}::uuid, r.user_id, r.user_label, ${this.options.syncRunId ?? null}::uuid, 'CREATE'::"OperationKind", 'SUCCEEDED'::"OperationStatus",
        201, r.changes, ${this.options.attempt}, r.duration_ms, ${now}
      FROM jsonb_to_recordset(${JSON.stringify(operations)}::jsonb) AS r(user_id uuid, user_label text, changes jsonb, duration_ms integer)`;
    this.result.done += created.length;
  }
}

interface PersonRow {
  userId: string;
  person: DirectoryPerson | null;
  assigned: boolean;
  account: KnownAccount | null;
}

/**
 * Each person of the batch with what planning needs: their mappable fields
 * (null once deleted), whether they are assigned, and their account. One
 * statement, in the order given.
 *
 * Each lookup is a LATERAL subquery with OFFSET 0, which the planner cannot
 * fold into a join, on exactly one index's columns: it stays one index probe
 * per person. The planner chooses from the tables' statistics, and those are
 * stale all through a first sync (the accounts table grows from nothing while
 * it runs). As a plain join it then hashed every user of the organisation and
 * every account and assignment of the app for each batch: 270 µs of database
 * time per person of a 10,000-person sync, against 27 µs now. That is also why
 * the person is looked up by id alone and their organisation checked after:
 * given `organization_id` too, the planner could pick one of the indexes led by
 * it and read the whole organisation for each person. (Accounts have only the
 * one index led by app_id for the same reason.)
 */
async function readPeople(tx: Tx, appId: string, organizationId: string, userIds: readonly string[]): Promise<PersonRow[]> {
  const rows = await tx.$queryRaw<
    (Omit<DirectoryPerson, "status"> & {
      userId: string;
      found: boolean;
      status: DirectoryPerson["status"];
      assigned: boolean;
      remoteId: string | null;
      accountState: KnownAccount["state"] | null;
      pushedValues: MappedValues | null;
    })[]
  >(peopleStatement(appId, organizationId, userIds));
  return rows.map(({ userId, found, assigned, remoteId, accountState, pushedValues, ...person }) => ({
    userId,
    person: found ? person : null,
    assigned,
    account: accountState ? { remoteId, state: accountState, pushedValues: pushedValues ?? {} } : null,
  }));
}

/** readPeople's statement, exported so a test can check how PostgreSQL runs it. */
export function peopleStatement(appId: string, organizationId: string, userIds: readonly string[]): Prisma.Sql {
  return Prisma.sql`
    SELECT ids.id::text AS "userId", u.organization_id IS NOT DISTINCT FROM ${organizationId}::uuid AS found, u.id::text AS id, u.email, u.first_name AS "firstName", u.last_name AS "lastName",
      u.display_name AS "displayName", u.employee_id AS "employeeId", u.title, u.department, u.mobile, u.locale, u.timezone, u.status::text AS status,
      a.user_id IS NOT NULL AS assigned,
      acc.remote_id AS "remoteId", acc.state::text AS "accountState", acc.pushed_values AS "pushedValues"
    FROM unnest(${userIds}::uuid[]) WITH ORDINALITY AS ids(id, position)
    LEFT JOIN LATERAL (SELECT * FROM users WHERE users.id = ids.id OFFSET 0) u ON true
    LEFT JOIN LATERAL (SELECT * FROM accounts WHERE accounts.app_id = ${appId}::uuid AND accounts.user_id = ids.id OFFSET 0) acc ON true
    LEFT JOIN LATERAL (SELECT user_id FROM assignments WHERE assignments.app_id = ${appId}::uuid AND assignments.user_id = ids.id OFFSET 0) a ON true
    ORDER BY ids.position`;
}

/** Gives each handed-off person a `reconcile` job of their own, committed with the batch. */
async function enqueueHandOffs(
  tx: Tx,
  appId: string,
  handOffs: readonly { userId: string; runAt: Date | null }[],
  syncRunId: string | null | undefined,
): Promise<void> {
  const now = handOffs.filter((handOff) => handOff.runAt === null).map((handOff) => handOff.userId);
  await enqueueReconcile(tx, [appId], now, { syncRunId: syncRunId ?? undefined });
  for (const handOff of handOffs.filter((candidate) => candidate.runAt !== null)) {
    await enqueueReconcile(tx, [appId], [handOff.userId], { syncRunId: syncRunId ?? undefined, runAt: handOff.runAt! });
  }
}
