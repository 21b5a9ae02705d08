import "server-only";
import { MAPPABLE_PERSON_SELECT } from "../../directory/users/mappable-person";
import type { Prisma } from "../../generated/prisma/client";
import { db, type Tx } from "../../db";
import { isScimError, ScimError, type ScimUser } from "../../scim";
import { mapValues, readScimValues, toScimUser, type MappedValues } from "../mapping/build-scim-user";
import { patchForChanges } from "../mapping/patch-for-changes";
import { getConnector } from "../connectors/catalog";
import { toMappingRules } from "../apps/field-mappings";
import { diffValues, planOperations, type Desired, type KnownAccount, type PlannedOperation, type SyncActions } from "../plan/plan-operations";
import { scimPatch } from "../../scim";
import { PRIMARY_EMAIL } from "../mapping/target-attributes";
import { userCallsFor } from "./app-clients";
import { findConflictHolder, HOLDER_SEARCH_LIMIT } from "./find-conflict-holder";
import { GoneAfterServerError, writeKnownAccount } from "./write-known-account";

/** One line of what reconcile looked at and did, for the "Provision now" panel. */
export interface ReconcileStep {
  step: string;
  outcome: "ok" | "info" | "skipped" | "failed";
  detail: string;
}

export interface ReconcileResult {
  steps: ReconcileStep[];
  /** A retryable failure: try again later (after `retryAfterMs` when the app said so). */
  retry: null | { retryAfterMs: number | null; reason: string };
  changed: boolean;
}

export interface ReconcileOptions {
  syncRunId?: string | null;
  attempt?: number;
}

/** What reconcile reads of the app: where and how to send, what to send, and which actions are on. */
export const RECONCILE_APP_SELECT = {
  id: true,
  organizationId: true,
  catalogKey: true,
  state: true,
  baseUrl: true,
  tokenCiphertext: true,
  tokenUpdatedAt: true,
  maxConcurrency: true,
  maxRequestsPerSecond: true,
  serverCapabilities: true,
  syncCreate: true,
  syncUpdate: true,
  syncDelete: true,
  syncActivation: true,
  organization: { select: { name: true } },
  fieldMappings: { select: { target: true, sourceField: true, hardcodedValue: true } },
} satisfies Prisma.AppSelect;

/** POSTs of one create, each after a lookup proved the previous one left nothing behind. */
const CREATE_ATTEMPTS = 3;

/**
 * When an app stops by itself (quarantine), from its latest operations:
 * - 3 refusals of the token in a row: a refused token is refused every time, so there is no point in more;
 * - 30 failures in a row that are all refusals, timeouts or answers that are not SCIM: one of these can be a
 *   glitch (a request caught in a restart), but 30 in a row, each already retried by the client, means a wrong
 *   endpoint or an app that is down or hanging, and every further request would tie up a worker for nothing.
 * 429s and 5xx answers never count: the app says they pass, and they are retried with backoff.
 */
const QUARANTINE_AFTER_REFUSALS = 3;
const QUARANTINE_AFTER_UNUSABLE = 30;
const UNUSABLE_KINDS = ["unauthorized", "timeout", "invalidResponse"] as const;

class Retry extends Error {
  constructor(
    readonly retryAfterMs: number | null,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Brings one person's account in one app in line with the directory: reads the
 * current truth, plans, sends, and records every attempt as an Operation. One
 * reconcile per pair runs at a time (an advisory lock), so two workers never
 * create the same account twice.
 */
export async function reconcileUser(appId: string, userId: string, options: ReconcileOptions = {}): Promise<ReconcileResult> {
  const result = await db.$transaction(
    async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${pairLockKey(appId, userId)}, 0))`;
      return reconcileLocked(tx, appId, userId, options);
    },
    { timeout: 10 * 60_000, maxWait: 60_000 },
  );
  if (result.steps.some((step) => step.outcome === "failed")) await quarantineIfFailingRepeatedly(appId);
  return result;
}

/** The advisory lock that lets one reconcile of a pair run at a time, across workers. */
export function pairLockKey(appId: string, userId: string): string {
  return `reconcile:${appId}:${userId}`;
}

/** Reconcile for a caller that already holds the pair's lock in `tx` (a batch holds many). */
export function reconcileLocked(tx: Tx, appId: string, userId: string, options: ReconcileOptions = {}): Promise<ReconcileResult> {
  return new Reconciler(tx, appId, userId, options).run();
}

class Reconciler {
  readonly steps: ReconcileStep[] = [];
  changed = false;

  constructor(
    readonly tx: Tx,
    readonly appId: string,
    readonly userId: string,
    readonly options: ReconcileOptions,
  ) {}

  note(step: string, outcome: ReconcileStep["outcome"], detail: string) {
    this.steps.push({ step, outcome, detail });
  }

  async run(): Promise<ReconcileResult> {
    const tx = this.tx;
    const app = await tx.app.findUnique({ where: { id: this.appId }, select: RECONCILE_APP_SELECT });
    if (!app) return this.finish(null);
    if (app.state === "DRAFT") {
      this.note("App", "info", "Nothing was sent because provisioning is not set up yet.");
      return this.finish(null);
    }

    const person = await tx.user.findFirst({
      where: { id: this.userId, organizationId: app.organizationId },
      select: { ...MAPPABLE_PERSON_SELECT, assignments: { where: { appId: app.id }, select: { appId: true } } },
    });
    let account = await tx.account.findUnique({ where: { appId_userId: { appId: app.id, userId: this.userId } } });
    const label = person ? `${person.firstName} ${person.lastName} <${person.email}>` : (account?.userLabel ?? this.userId);
    const rules = toMappingRules(app.fieldMappings);
    const targets = getConnector(app.catalogKey)?.targets ?? [];

    const desired: Desired = person
      ? {
          exists: true,
          assigned: person.assignments.length > 0,
          active: person.status === "ACTIVE",
          values: mapValues(person, rules, { organizationName: app.organization.name }),
        }
      : { exists: false };
    this.note(
      "In scope?",
      "info",
      !desired.exists
        ? "No: the person was deleted from the directory."
        : desired.assigned
          ? desired.active
            ? "Yes: assigned and active."
            : "Assigned, but deactivated in the directory."
          : "No: not assigned to this app.",
    );
    this.note(
      "Matched?",
      "info",
      account?.remoteId && account.state !== "DELETED"
        ? `Yes: linked to the app's user ${account.remoteUserName ?? account.remoteId}.`
        : "Not linked to an account in the app yet.",
    );

    if (app.state !== "ACTIVE") return this.hold({ ...app, state: app.state }, desired, account, label);

    const users = userCallsFor(app);
    const usePut = (app.serverCapabilities as { patch?: boolean | null } | null)?.patch === false;

    try {
      // Re-plan after each round: linking an existing account may reveal more to do.
      for (let round = 0; round < 4; round++) {
        const known: KnownAccount | null = account
          ? { remoteId: account.remoteId, state: account.state, pushedValues: account.pushedValues as MappedValues }
          : null;
        const plan = planOperations(desired, known, app);
        if (plan.length === 0) break;
        let relinked = false;
        for (const operation of plan) {
          const outcome = await this.execute(operation, { users, usePut, label, targets, desired, accountRow: account });
          account = outcome.account;
          if (outcome.replan) {
            relinked = true;
            break;
          }
        }
        if (!relinked) break;
      }
      if (!this.changed && !this.steps.some((step) => step.step === "Sent"))
        this.note("Sent", "ok", "Nothing to change: the app already matches the directory.");
      return this.finish(null);
    } catch (error) {
      if (error instanceof Retry) return this.finish({ retryAfterMs: error.retryAfterMs, reason: error.message });
      throw error;
    }
  }

  /**
   * The app is quarantined or paused: nothing is sent, but each change that would have been is logged
   * SKIPPED with why. Resume brings every such pair in line (it syncs everyone, see resumeApp).
   */
  async hold(
    app: SyncActions & { state: "PAUSED" | "QUARANTINED" },
    desired: Desired,
    account: Awaited<ReturnType<Tx["account"]["findUnique"]>>,
    label: string,
  ): Promise<ReconcileResult> {
    const why = app.state === "PAUSED" ? "paused" : "quarantined";
    const known: KnownAccount | null = account
      ? { remoteId: account.remoteId, state: account.state, pushedValues: account.pushedValues as MappedValues }
      : null;
    const held = planOperations(desired, known, app).filter((operation) => operation.kind !== "SKIP");
    for (const operation of held) {
      await this.record(operation.kind, "SKIPPED", label, {
        message: `Not sent: provisioning to this app is ${why}. Resuming it sends this change.`,
        changes: operation.kind === "UPDATE" ? operation.changes : operation.kind === "CREATE" ? diffValues({}, operation.values) : undefined,
      });
    }
    this.note(
      "App",
      "info",
      held.length > 0 ? `Nothing was sent because provisioning is ${why}; resuming it sends this change.` : `Nothing was sent because provisioning is ${why}.`,
    );
    return this.finish(null);
  }

  finish(retry: ReconcileResult["retry"]): ReconcileResult {
    return { steps: this.steps, retry, changed: this.changed };
  }

  async record(
    kind: Prisma.OperationCreateInput["kind"],
    status: "SUCCEEDED" | "FAILED" | "SKIPPED",
    label: string,
    extra: { httpStatus?: number | null; message?: string | null; changes?: unknown; durationMs?: number; errorKind?: ScimError["kind"] } = {},
  ) {
    await this.tx.operation.create({
      data: {
        appId: this.appId,
        userId: this.userId,
        userLabel: label,
        syncRunId: this.options.syncRunId ?? null,
        kind,
        status,
        httpStatus: extra.httpStatus ?? null,
        message: extra.message ?? null,
        errorKind: extra.errorKind ?? null,
        changes: (extra.changes ?? undefined) as Prisma.InputJsonValue | undefined,
        attempt: this.options.attempt ?? 1,
        durationMs: extra.durationMs,
      },
    });
  }

  async saveAccount(
    label: string,
    data: { remoteId: string | null; remoteUserName?: string | null; pushedValues?: MappedValues; state: "ACTIVE" | "INACTIVE" | "DELETED" },
  ) {
    const values = {
      ...data,
      pushedValues: (data.pushedValues ?? undefined) as Prisma.InputJsonValue | undefined,
      userLabel: label,
      lastError: null,
      lastErrorAt: null,
      lastSyncedAt: new Date(),
    };
    return this.tx.account.upsert({
      where: { appId_userId: { appId: this.appId, userId: this.userId } },
      create: { appId: this.appId, userId: this.userId, ...values, pushedValues: (data.pushedValues ?? {}) as Prisma.InputJsonValue },
      update: values,
    });
  }

  async execute(
    operation: PlannedOperation,
    context: {
      users: ReturnType<typeof userCallsFor>;
      usePut: boolean;
      label: string;
      targets: readonly string[];
      desired: Desired;
      accountRow: Awaited<ReturnType<Tx["account"]["findUnique"]>>;
    },
  ): Promise<{ account: Awaited<ReturnType<Tx["account"]["findUnique"]>>; replan: boolean }> {
    const { users, label } = context;
    let account = context.accountRow;
    if (operation.kind === "SKIP") {
      await this.record(operation.wanted, "SKIPPED", label, { message: operation.reason });
      this.note("Sent", "skipped", operation.reason);
      return { account, replan: false };
    }
    const started = Date.now();
    const elapsed = () => Date.now() - started;
    try {
      switch (operation.kind) {
        case "CREATE": {
          const existing = await this.lookup(users, operation.values.userName);
          if (existing) return { account: await this.link(existing, label, context.targets, elapsed()), replan: true };
          let created: ScimUser | undefined;
          for (let attempt = 1; !created; attempt++) {
            try {
              created = await users.create(toScimUser(this.userId, operation.values, true));
            } catch (error) {
              // Already there (409), or perhaps created before the answer was lost: look before
              // creating again, and adopt what is there. Only a lookup that finds nothing makes
              // another POST safe, so an ambiguous failure is retried here, not blindly.
              if (!isScimError(error) || !(error.kind === "conflict" || error.retryable)) throw error;
              const found = await this.lookup(users, operation.values.userName);
              if (found) return { account: await this.link(found, label, context.targets, elapsed()), replan: true };
              if (error.kind === "conflict") {
                // The server's filters may compare case exactly: look by e-mail, then through its users.
                const search = await findConflictHolder(users, { userName: operation.values.userName, email: operation.values[PRIMARY_EMAIL] });
                if (search.holder) return { account: await this.link(search.holder, label, context.targets, elapsed()), replan: true };
                throw unresolvedConflict(error, search);
              }
              if (attempt >= CREATE_ATTEMPTS) throw error;
            }
          }
          account = await this.saveAccount(label, { remoteId: created.id, remoteUserName: created.userName, pushedValues: operation.values, state: "ACTIVE" });
          await this.record("CREATE", "SUCCEEDED", label, { httpStatus: 201, changes: diffValues({}, operation.values), durationMs: elapsed() });
          this.note("Sent", "ok", `Created the account ${created.userName}.`);
          break;
        }
        case "UPDATE": {
          const remoteId = account!.remoteId!;
          if (context.usePut) {
            const desired = context.desired as Extract<Desired, { exists: true }>;
            const replacement = toScimUser(this.userId, operation.values, account!.state === "ACTIVE" && desired.active);
            await writeKnownAccount(users, remoteId, (options) => users.replace(remoteId, replacement, options));
          } else {
            await writeKnownAccount(users, remoteId, (options) =>
              users.patch(remoteId, scimPatch.patchRequest(...patchForChanges(operation.changes)), options),
            );
          }
          account = await this.saveAccount(label, { remoteId, pushedValues: operation.values, state: account!.state });
          await this.record("UPDATE", "SUCCEEDED", label, { httpStatus: 200, changes: operation.changes, durationMs: elapsed() });
          this.note("Sent", "ok", `Updated ${Object.keys(operation.changes).join(", ")}.`);
          break;
        }
        case "ACTIVATE":
        case "DEACTIVATE": {
          const active = operation.kind === "ACTIVATE";
          const remoteId = account!.remoteId!;
          await writeKnownAccount(users, remoteId, (options) => users.patch(remoteId, scimPatch.setActive(active), options));
          account = await this.saveAccount(label, { remoteId: account!.remoteId, state: active ? "ACTIVE" : "INACTIVE" });
          await this.record(operation.kind, "SUCCEEDED", label, { httpStatus: 200, changes: { active: { from: !active, to: active } }, durationMs: elapsed() });
          this.note("Sent", "ok", active ? "Activated the account." : "Deactivated the account.");
          break;
        }
        case "DELETE": {
          const remoteId = account!.remoteId!;
          let alreadyGone: ScimError | undefined;
          try {
            await writeKnownAccount(users, remoteId, (options) => users.delete(remoteId, options));
          } catch (error) {
            if (!isScimError(error) || error.kind !== "notFound") throw error; // Already gone is what we wanted.
            alreadyGone = error;
          }
          account = await this.saveAccount(label, { remoteId: null, state: "DELETED" });
          await this.record("DELETE", "SUCCEEDED", label, {
            httpStatus: alreadyGone ? 404 : 204,
            message: alreadyGone ? `${goneReason(alreadyGone)} Nothing was left to delete.` : null,
            durationMs: elapsed(),
          });
          this.note("Sent", "ok", "Deleted the account's SCIM record.");
          break;
        }
      }
      this.changed = true;
      return { account, replan: false };
    } catch (error) {
      if (!isScimError(error)) throw error;
      // The account was removed in the app behind our back: forget the link and plan again.
      if (error.kind === "notFound" && operation.kind !== "CREATE" && account?.remoteId) {
        await this.record(operation.kind, "FAILED", label, {
          httpStatus: 404,
          message: `${goneReason(error)} Roster creates it again if the person is in scope.`,
          durationMs: elapsed(),
        });
        account = await this.saveAccount(label, { remoteId: null, state: "DELETED" });
        this.note("Matched?", "info", "The linked account no longer exists in the app; Roster will create it again if the person is in scope.");
        return { account, replan: true };
      }
      await this.fail(operation.kind, label, error, elapsed());
      return { account, replan: false };
    }
  }

  async lookup(users: ReturnType<typeof userCallsFor>, userName: string | undefined): Promise<ScimUser | undefined> {
    const byExternalId = await users.findByExternalId(this.userId).catch((error: unknown) => {
      // Servers that cannot filter on externalId answer 400; userName still works.
      if (isScimError(error) && error.kind === "badRequest") return undefined;
      throw error;
    });
    return byExternalId ?? (userName ? await users.findByUserName(userName) : undefined);
  }

  async link(remote: ScimUser, label: string, targets: readonly string[], durationMs: number) {
    const account = await this.saveAccount(label, {
      remoteId: remote.id,
      remoteUserName: remote.userName,
      pushedValues: readScimValues(remote, targets as never),
      state: remote.active === false ? "INACTIVE" : "ACTIVE",
    });
    await this.record("LINK", "SUCCEEDED", label, {
      httpStatus: 200,
      message: `Linked to the existing account ${remote.userName} instead of creating a second one.`,
      durationMs,
    });
    this.note("Matched?", "ok", `Found the existing account ${remote.userName} in the app and linked it.`);
    this.changed = true;
    return account;
  }

  async fail(kind: PlannedOperation["kind"], label: string, error: ScimError, durationMs: number): Promise<never | void> {
    const wanted = kind === "SKIP" ? "UPDATE" : kind;
    const retrying = error.retryable;
    const message = retrying ? `${error.message} Roster will try again.` : error.detail ? `${error.message} (${error.detail})` : error.message;
    await this.record(wanted, "FAILED", label, { httpStatus: error.status ?? null, message, durationMs, errorKind: error.kind });
    await this.tx.account.updateMany({ where: { appId: this.appId, userId: this.userId }, data: { lastError: message, lastErrorAt: new Date() } });
    this.note("Sent", "failed", message);
    if (retrying) throw new Retry(error.retryAfterMs ?? null, error.message);
  }
}

/**
 * Stops the app (quarantine) when its latest operations show it cannot be worked with (see
 * QUARANTINE_AFTER_REFUSALS). Called after a failed reconcile has committed, never inside its
 * transaction: concurrent reconciles cannot see each other's uncommitted rows, so only a check after
 * the commit is sure that the last failure of a run sees the whole run.
 */
export async function quarantineIfFailingRepeatedly(appId: string): Promise<void> {
  const recent = await db.operation.findMany({
    where: { appId, status: { not: "SKIPPED" } },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: QUARANTINE_AFTER_UNUSABLE,
    select: { status: true, errorKind: true, httpStatus: true, message: true },
  });
  const unusable = (op: (typeof recent)[number], kinds: readonly string[]) => op.status === "FAILED" && op.errorKind !== null && kinds.includes(op.errorKind);
  const refused = recent.length >= QUARANTINE_AFTER_REFUSALS && recent.slice(0, QUARANTINE_AFTER_REFUSALS).every((op) => unusable(op, ["unauthorized"]));
  const failing = recent.length >= QUARANTINE_AFTER_UNUSABLE && recent.every((op) => unusable(op, UNUSABLE_KINDS));
  if (!refused && !failing) return;
  const reason = refused
    ? `The app refused the SCIM token on ${QUARANTINE_AFTER_REFUSALS} requests in a row (HTTP ${recent[0]!.httpStatus ?? 401}). ` +
      "Create a new token in the app, paste it in the Configure step and save, then click Resume: Roster checks the new token first, then sends every change made meanwhile."
    : `The app's last ${QUARANTINE_AFTER_UNUSABLE} answers could not be used: ${describeFailures(recent.map((op) => op.errorKind!))} (the last: ${recent[0]!.message}). ` +
      "Check that the app is up and that the Sync endpoint in the Configure step is its SCIM base URL, then click Resume: Roster checks the connection first, then sends every change made meanwhile.";
  // Only an active app is stopped, so the first reason and time stay when several reconciles see the same run.
  await db.app.updateMany({ where: { id: appId, state: "ACTIVE" }, data: { state: "QUARANTINED", quarantinedAt: new Date(), quarantineReason: reason } });
}

/** "12 timed out and 18 were not SCIM answers", from the failures' kinds. */
function describeFailures(kinds: readonly string[]): string {
  const words: Record<string, string> = { timeout: "timed out", invalidResponse: "were not SCIM answers", unauthorized: "refused the token" };
  const counts = new Map<string, number>();
  for (const kind of kinds) counts.set(kind, (counts.get(kind) ?? 0) + 1);
  const parts = [...counts].sort((a, b) => b[1] - a[1]).map(([kind, count]) => `${count} ${words[kind] ?? kind}`);
  return parts.length > 1 ? `${parts.slice(0, -1).join(", ")} and ${parts.at(-1)}` : (parts[0] ?? "");
}

/** Why Roster counts an account as gone from the app, from the not-found error that showed it. */
function goneReason(error: ScimError): string {
  if (error instanceof GoneAfterServerError) return error.message;
  return `The app answered HTTP 404 to ${error.method ?? "the change"}: the account no longer exists in the app.`;
}

/** A 409 whose holder no search could find: a permanent failure (retrying the same create gets the same 409), in words that say what to do. */
function unresolvedConflict(error: ScimError, search: { listed: number; truncated: boolean }): ScimError {
  const where = search.truncated
    ? `the first ${HOLDER_SEARCH_LIMIT.toLocaleString("en")} of the app's users`
    : `the app's ${search.listed.toLocaleString("en")} users`;
  return new ScimError({
    kind: "conflict",
    status: error.status,
    scimType: error.scimType,
    detail: error.detail,
    method: error.method,
    url: error.url,
    retryable: false,
    message: `The app refused to create the account because another account already has this user name or e-mail (HTTP 409), and Roster found no such account by user name, by e-mail or among ${where}, so it cannot link it. Free the user name or e-mail in the app, or change the person's e-mail here; the next change or Sync now tries again.`,
    cause: error,
  });
}
