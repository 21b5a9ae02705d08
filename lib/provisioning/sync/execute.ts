import "server-only";
import { isScimError, ScimError, scimPatch, type AttemptReport, type ScimUser } from "../../scim";
import { readScimValues, toScimUser, type MappedValues } from "../mapping/build-scim-user";
import { patchForChanges } from "../mapping/patch-for-changes";
import { PRIMARY_EMAIL } from "../mapping/target-attributes";
import type { TargetPath } from "../mapping/target-attributes";
import { diffValues, planOperations, type Desired, type KnownAccount, type PlannedOperation, type SyncActions } from "../plan/plan-operations";
import type { UserCalls } from "./app-clients";
import { findConflictHolder, HOLDER_SEARCH_LIMIT } from "./find-conflict-holder";
import type { PairPlan, SyncStep } from "./plan";
import { GoneAfterServerError, writeKnownAccount } from "./write-known-account";

/**
 * The engine's third step: carries out one pair's plan against the app. It touches no database:
 * what happened is returned as a PairOutcome (the operations to log, the account as it now is, and
 * whether to try again), and `record` writes the outcomes of a whole batch in one short
 * transaction afterwards. So no transaction is ever open while a SCIM request is in flight.
 */

export type OperationKind = "CREATE" | "LINK" | "UPDATE" | "ACTIVATE" | "DEACTIVATE" | "DELETE";

/** One row of the provisioning log, as it will be written. */
export interface OperationRecord {
  kind: OperationKind;
  status: "SUCCEEDED" | "FAILED" | "SKIPPED";
  httpStatus: number | null;
  message: string | null;
  changes: unknown;
  /** The time of this request (or these requests) alone, not of the batch it was in. */
  durationMs: number | null;
  errorKind: ScimError["kind"] | null;
  at: Date;
}

/** Roster's record of the account after the pair's requests. */
export interface AccountRecord {
  remoteId: string | null;
  remoteUserName: string | null;
  /** The externalId the app holds for it. */
  externalId: string | null;
  pushedValues: MappedValues;
  state: "ACTIVE" | "INACTIVE" | "DELETED";
}

export interface PairOutcome {
  userId: string;
  label: string;
  steps: SyncStep[];
  records: OperationRecord[];
  /** The account to save, when a request changed it; null when Roster's record stays as it was. */
  account: AccountRecord | null;
  /** The account's last error: the message of a failure, or null when the pair ended without one. */
  lastError: string | null;
  /** A retryable failure: try again later (after `retryAfterMs` when the app said so). */
  retry: null | { retryAfterMs: number | null; reason: string };
  changed: boolean;
  failed: boolean;
}

export interface ExecuteContext {
  users: UserCalls;
  /** The app cannot PATCH: updates replace the whole user. */
  usePut: boolean;
  targets: readonly TargetPath[];
  actions: SyncActions;
  /** The run's snapshot of the app proved this person absent: create without looking them up first. */
  provenAbsent?: boolean;
}

/** POSTs of one create, each after a lookup proved the previous one left nothing behind. */
const CREATE_ATTEMPTS = 3;

class Retry extends Error {
  constructor(
    readonly retryAfterMs: number | null,
    message: string,
  ) {
    super(message);
  }
}

/** The outcome of a pair that is not sent at all (the app is not active, or nothing is planned). */
export function outcomeWithoutRequests(plan: PairPlan, steps: SyncStep[], records: OperationRecord[] = []): PairOutcome {
  return { userId: plan.userId, label: plan.label, steps, records, account: null, lastError: null, retry: null, changed: false, failed: false };
}

/**
 * The app is quarantined or paused: nothing is sent, but each change that would have been is
 * logged SKIPPED with why. Resume brings every such pair in line (it syncs everyone).
 */
export function holdPair(plan: PairPlan, state: "PAUSED" | "QUARANTINED"): PairOutcome {
  const why = state === "PAUSED" ? "paused" : "quarantined";
  const held = plan.operations.filter((operation) => operation.kind !== "SKIP");
  const at = new Date();
  const records = held.map((operation): OperationRecord => ({
    kind: operation.kind as OperationKind,
    status: "SKIPPED",
    httpStatus: null,
    message: `Not sent: provisioning to this app is ${why}. Resuming it sends this change.`,
    changes: operation.kind === "UPDATE" ? operation.changes : operation.kind === "CREATE" ? diffValues({}, operation.values) : null,
    durationMs: null,
    errorKind: null,
    at,
  }));
  const detail =
    held.length > 0 ? `Nothing was sent because provisioning is ${why}; resuming it sends this change.` : `Nothing was sent because provisioning is ${why}.`;
  return outcomeWithoutRequests(plan, [...plan.explanation, { step: "App", outcome: "info", detail }], records);
}

/** A pair whose creates cannot be sent (the app's listing was refused as a lie): one FAILED row, not retried. */
export function failPair(plan: PairPlan, message: string): PairOutcome {
  const record: OperationRecord = {
    kind: "CREATE",
    status: "FAILED",
    httpStatus: null,
    message,
    changes: null,
    durationMs: null,
    errorKind: "invalidResponse",
    at: new Date(),
  };
  return {
    ...outcomeWithoutRequests(plan, [...plan.explanation, { step: "Sent", outcome: "failed", detail: message }], [record]),
    lastError: message,
    failed: true,
  };
}

export function executePair(context: ExecuteContext, plan: PairPlan, account: AccountRecord | null): Promise<PairOutcome> {
  return new PairExecution(context, plan, account).run();
}

class PairExecution {
  readonly steps: SyncStep[];
  /** The app's calls, each reporting its attempts to `attempt`. */
  readonly users: UserCalls;
  /** The operation being carried out, for the rows of its retried attempts. */
  current: OperationKind = "CREATE";
  readonly records: OperationRecord[] = [];
  changed = false;
  failed = false;
  saved = false;
  lastError: string | null = null;
  lastAt = 0;

  constructor(
    readonly context: ExecuteContext,
    readonly plan: PairPlan,
    public account: AccountRecord | null,
  ) {
    this.steps = [...plan.explanation];
    this.users = observed(context.users, (report) => this.attempt(report));
  }

  /**
   * Every attempt the client makes and then repeats gets its own FAILED row (attempt n of m, status, time),
   * so retries inside the client leave a trace. The last attempt of a call is the operation's own row.
   */
  attempt(report: AttemptReport) {
    if (!report.error || !report.willRetry) return;
    this.record(this.current, "FAILED", {
      httpStatus: report.status,
      message: `Attempt ${report.attempt} of ${report.of} (${report.method} ${report.path}) failed: ${report.error.message} Roster sent it again.`,
      durationMs: report.durationMs,
      errorKind: report.error.kind,
    });
  }

  note(step: string, outcome: SyncStep["outcome"], detail: string) {
    this.steps.push({ step, outcome, detail });
  }

  known(): KnownAccount | null {
    const account = this.account;
    return account ? { remoteId: account.remoteId, state: account.state, pushedValues: account.pushedValues, externalId: account.externalId } : null;
  }

  async run(): Promise<PairOutcome> {
    let operations = this.plan.operations;
    try {
      // Re-plan after each round: linking an existing account, or finding it gone, may reveal more to do.
      for (let round = 0; round < 4 && operations.length > 0; round++) {
        let replan = false;
        for (const operation of operations) {
          if (await this.execute(operation, round === 0)) {
            replan = true;
            break;
          }
        }
        if (!replan) break;
        operations = planOperations(this.plan.desired, this.known(), this.context.actions);
      }
      if (!this.changed && !this.steps.some((step) => step.step === "Sent"))
        this.note("Sent", "ok", "Nothing to change: the app already matches the directory.");
      return this.finish(null);
    } catch (error) {
      if (error instanceof Retry) return this.finish({ retryAfterMs: error.retryAfterMs, reason: error.message });
      throw error;
    }
  }

  finish(retry: PairOutcome["retry"]): PairOutcome {
    return {
      userId: this.plan.userId,
      label: this.plan.label,
      steps: this.steps,
      records: this.records,
      account: this.saved ? this.account : null,
      lastError: this.lastError,
      retry,
      changed: this.changed,
      failed: this.failed,
    };
  }

  /** A log row, stamped so that a pair's rows keep the order in which they happened. */
  record(kind: OperationKind, status: OperationRecord["status"], extra: Partial<Omit<OperationRecord, "kind" | "status" | "at">> = {}) {
    this.lastAt = Math.max(Date.now(), this.lastAt + 1);
    this.records.push({
      kind,
      status,
      httpStatus: extra.httpStatus ?? null,
      message: extra.message ?? null,
      changes: extra.changes ?? null,
      durationMs: extra.durationMs === undefined || extra.durationMs === null ? null : Math.round(extra.durationMs),
      errorKind: extra.errorKind ?? null,
      at: new Date(this.lastAt),
    });
  }

  save(account: AccountRecord) {
    this.account = account;
    this.saved = true;
    this.lastError = null;
  }

  /** Carries out one operation; true when the pair must be planned again (an account was linked, or found gone). */
  async execute(operation: PlannedOperation, firstRound: boolean): Promise<boolean> {
    if (operation.kind === "SKIP") {
      this.record(operation.wanted, "SKIPPED", { message: operation.reason });
      this.note("Sent", "skipped", operation.reason);
      return false;
    }
    const { users } = this;
    this.current = operation.kind;
    let started = Date.now();
    const elapsed = () => Date.now() - started;
    try {
      switch (operation.kind) {
        case "CREATE": {
          const quick = firstRound && this.context.provenAbsent === true;
          if (!quick) {
            const existing = await this.lookup(operation.values.userName);
            if (existing) return this.adopt(existing, elapsed(), false);
          }
          let created: ScimUser | undefined;
          for (let attempt = 1; !created; attempt++) {
            started = Date.now();
            try {
              created = await users.create(toScimUser(this.plan.userId, operation.values, true));
            } catch (error) {
              // Already there (409), or perhaps created before the answer was lost: look before creating again, and
              // adopt what is there. Only a lookup that finds nothing makes another POST safe, so an ambiguous failure
              // is retried here, not blindly. The failed POST is logged too: every request has its row.
              if (!isScimError(error) || !(error.kind === "conflict" || error.retryable)) throw error;
              // The failed POST gets its own row when Roster goes on after it; when it is the end, `fail` logs it once.
              const failedPost = { httpStatus: error.status ?? null, durationMs: elapsed(), errorKind: error.kind };
              const logFailedPost = (then: string) => this.record("CREATE", "FAILED", { ...failedPost, message: `${error.message} ${then}` });
              if (quick) {
                // A Sync now batch does not linger on one person: their own job looks for the account, then tries again.
                logFailedPost("Roster passes this person to a job of their own, which looks for the account before creating it again.");
                this.note("Sent", "failed", `${error.message} Roster tries again.`);
                throw new Retry(error.retryAfterMs ?? null, error.message);
              }
              started = Date.now();
              const found = await this.lookup(operation.values.userName);
              if (found) {
                logFailedPost("Roster looked for the account and found it.");
                return this.adopt(found, elapsed(), true);
              }
              if (error.kind === "conflict") {
                // The server's filters may compare case exactly: look by e-mail, then through its users.
                const search = await findConflictHolder(users, { userName: operation.values.userName, email: operation.values[PRIMARY_EMAIL] }).catch(
                  (failure: unknown) => {
                    throw lookupFailed(failure);
                  },
                );
                if (search.holder) {
                  logFailedPost("Roster looked for the account that holds the user name or e-mail and found it.");
                  return this.adopt(search.holder, elapsed(), true);
                }
                throw unresolvedConflict(error, search);
              }
              if (attempt >= CREATE_ATTEMPTS) throw error;
              logFailedPost("Roster looked for the account, found none, and sent the create again.");
            }
          }
          this.save({ remoteId: created.id, remoteUserName: created.userName, externalId: this.plan.userId, pushedValues: operation.values, state: "ACTIVE" });
          this.record("CREATE", "SUCCEEDED", { httpStatus: 201, changes: diffValues({}, operation.values), durationMs: elapsed() });
          this.note("Sent", "ok", `Created the account ${created.userName}.`);
          break;
        }
        case "UPDATE": {
          const account = this.account!;
          const remoteId = account.remoteId!;
          if (this.context.usePut) {
            const desired = this.plan.desired as Extract<Desired, { exists: true }>;
            const replacement = toScimUser(this.plan.userId, operation.values, account.state === "ACTIVE" && desired.active);
            await writeKnownAccount(users, remoteId, (options) => users.replace(remoteId, replacement, options));
          } else {
            await writeKnownAccount(users, remoteId, (options) =>
              users.patch(remoteId, scimPatch.patchRequest(...patchForChanges(operation.changes)), options),
            );
          }
          // A PATCH sets what changed (externalId too, when it was missing); a PUT sends the whole user, externalId included.
          this.save({
            ...account,
            pushedValues: operation.values,
            externalId: this.context.usePut || operation.changes.externalId ? this.plan.userId : account.externalId,
          });
          this.record("UPDATE", "SUCCEEDED", { httpStatus: 200, changes: operation.changes, durationMs: elapsed() });
          this.note("Sent", "ok", `Updated ${Object.keys(operation.changes).join(", ")}.`);
          break;
        }
        case "ACTIVATE":
        case "DEACTIVATE": {
          const active = operation.kind === "ACTIVATE";
          const account = this.account!;
          const remoteId = account.remoteId!;
          await writeKnownAccount(users, remoteId, (options) => users.patch(remoteId, scimPatch.setActive(active), options));
          this.save({ ...account, state: active ? "ACTIVE" : "INACTIVE" });
          this.record(operation.kind, "SUCCEEDED", { httpStatus: 200, changes: { active: { from: !active, to: active } }, durationMs: elapsed() });
          this.note("Sent", "ok", active ? "Activated the account." : "Deactivated the account.");
          break;
        }
        case "DELETE": {
          const account = this.account!;
          const remoteId = account.remoteId!;
          let alreadyGone: ScimError | undefined;
          try {
            await writeKnownAccount(users, remoteId, (options) => users.delete(remoteId, options));
          } catch (error) {
            if (!isScimError(error) || error.kind !== "notFound") throw error; // Already gone is what we wanted.
            alreadyGone = error;
          }
          this.save({ ...account, remoteId: null, state: "DELETED" });
          this.record("DELETE", "SUCCEEDED", {
            httpStatus: alreadyGone ? 404 : 204,
            message: alreadyGone ? `${goneReason(alreadyGone)} Nothing was left to delete.` : null,
            durationMs: elapsed(),
          });
          this.note("Sent", "ok", "Deleted the account's SCIM record.");
          break;
        }
      }
      this.changed = true;
      return false;
    } catch (error) {
      if (!isScimError(error)) throw error;
      // The account was removed in the app behind our back: forget the link and plan again.
      if (error.kind === "notFound" && operation.kind !== "CREATE" && this.account?.remoteId) {
        this.record(operation.kind, "FAILED", {
          httpStatus: 404,
          message: `${goneReason(error)} Roster creates it again if the person is in scope.`,
          durationMs: elapsed(),
          errorKind: "notFound",
        });
        this.save({ ...this.account, remoteId: null, state: "DELETED" });
        this.note("Matched?", "info", "The linked account no longer exists in the app; Roster will create it again if the person is in scope.");
        return true;
      }
      this.fail(operation.kind, error, elapsed());
      return false;
    }
  }

  /** Looks the person up by Roster's id (externalId), then by user name. A failure says it was the lookup that failed. */
  async lookup(userName: string | undefined): Promise<ScimUser | undefined> {
    const { users } = this;
    try {
      const byExternalId = await users.findByExternalId(this.plan.userId).catch((error: unknown) => {
        // Servers that cannot filter on externalId answer 400; userName still works.
        if (isScimError(error) && error.kind === "badRequest") return undefined;
        throw error;
      });
      return byExternalId ?? (userName ? await users.findByUserName(userName) : undefined);
    } catch (error) {
      throw lookupFailed(error);
    }
  }

  /**
   * Takes an account found in the app as the person's. One that carries Roster's id as its externalId
   * was created by Roster (a create whose answer was lost, or whose record a crash prevented): that is
   * logged as the CREATE it was. Anything else already existed, and is logged as a LINK.
   */
  adopt(remote: ScimUser, durationMs: number, afterFailedCreate: boolean): true {
    const ours = remote.externalId === this.plan.userId;
    this.save({
      remoteId: remote.id,
      remoteUserName: remote.userName,
      externalId: remote.externalId ?? null,
      pushedValues: readScimValues(remote, this.context.targets),
      state: remote.active === false ? "INACTIVE" : "ACTIVE",
    });
    if (ours) {
      this.record("CREATE", "SUCCEEDED", {
        httpStatus: 200,
        message: afterFailedCreate
          ? `The app created the account ${remote.userName}, but its answer was lost; Roster found it by its id and took it up.`
          : `Found the account ${remote.userName} that Roster created earlier (its answer was never recorded) and took it up.`,
        durationMs,
      });
      this.note("Matched?", "ok", `Found the account ${remote.userName} that Roster created, and took it up.`);
    } else {
      this.record("LINK", "SUCCEEDED", {
        httpStatus: 200,
        message: `Linked to the existing account ${remote.userName} instead of creating a second one.`,
        durationMs,
      });
      this.note("Matched?", "ok", `Found the existing account ${remote.userName} in the app and linked it.`);
    }
    this.changed = true;
    return true;
  }

  fail(kind: Exclude<PlannedOperation["kind"], "SKIP">, error: ScimError, durationMs: number): void {
    const retrying = error.retryable;
    const message = retrying ? `${error.message} Roster will try again.` : error.detail ? `${error.message} (${error.detail})` : error.message;
    this.record(kind, "FAILED", { httpStatus: error.status ?? null, message, durationMs, errorKind: error.kind });
    this.lastError = message;
    this.failed = true;
    this.note("Sent", "failed", message);
    if (retrying) throw new Retry(error.retryAfterMs ?? null, error.message);
  }
}

/** A failed lookup, said as one: it was not the create that failed (and an HTTP 200 with a broken body is no "create failed, 200"). */
function lookupFailed(error: unknown): unknown {
  // Only an answer can be a lookup's own failure; a refused or failed connection is said as it is.
  if (!isScimError(error) || error instanceof LookupError || error.status === undefined) return error;
  return new LookupError({
    ...error.toJSON(),
    message: `Roster looks for an existing account before creating one, and that lookup failed: ${error.message}`,
    cause: error,
  });
}

class LookupError extends ScimError {}

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
    message: `The app refused to create the account because another account already has this user name or e-mail (HTTP 409), and Roster found no such account by user name, by e-mail or among ${where}, so it cannot link it by itself. Link it with “Link to an existing account…” (on this row of the log, or on the person’s page), free the user name or e-mail in the app, or change the person's e-mail here; the next change or Sync now tries again.`,
    cause: error,
  });
}

/** The app's calls with an attempt observer added to each call's options. */
function observed(users: UserCalls, onAttempt: (report: AttemptReport) => void): UserCalls {
  const withObserver = <Options extends object>(options: Options | undefined) => ({ ...options, onAttempt });
  return {
    create: (resource, options) => users.create(resource, withObserver(options)),
    get: (id, options) => users.get(id, withObserver(options)),
    replace: (id, resource, options) => users.replace(id, resource, withObserver(options)),
    patch: (id, request, options) => users.patch(id, request, withObserver(options)),
    delete: (id, options) => users.delete(id, withObserver(options)),
    findByUserName: (userName, options) => users.findByUserName(userName, withObserver(options)),
    findByExternalId: (externalId, options) => users.findByExternalId(externalId, withObserver(options)),
    listPage: (startIndex, count, filter, options) => users.listPage(startIndex, count, filter, withObserver(options)),
  };
}
