import type { MappedValues } from "../mapping/build-scim-user";
import { PRIMARY_EMAIL, type TargetPath } from "../mapping/target-attributes";

/**
 * Level-triggered planning: from what the directory says now and what Roster
 * last left in the app, the operations that bring the app in line. Pure: the
 * worker reads the state, calls this, and carries out the result.
 */

export interface SyncActions {
  syncCreate: boolean;
  syncUpdate: boolean;
  syncDelete: boolean;
  syncActivation: boolean;
}

/**
 * The directory's side: is the person there, assigned, active, and what do they map to. `externalId` is
 * Roster's id for them, which every account of theirs should carry (left out, it is not checked).
 */
export type Desired = { exists: false } | { exists: true; assigned: boolean; active: boolean; values: MappedValues; externalId?: string };

/** Roster's record of the person's account in the app, if it has one. */
export interface KnownAccount {
  remoteId: string | null;
  state: "ACTIVE" | "INACTIVE" | "DELETED";
  pushedValues: MappedValues;
  /** The externalId the app holds, as Roster last knew it (undefined: not known, not checked). */
  externalId?: string | null;
}

/** Changed attributes by SCIM path: the mapped ones, and `externalId` when an account lacks Roster's id. */
export type AttributeChanges = Partial<Record<TargetPath | "externalId", { from: string | null; to: string | null }>>;

export type PlannedOperation =
  | { kind: "CREATE"; values: MappedValues; active: true }
  | { kind: "UPDATE"; changes: AttributeChanges; values: MappedValues }
  | { kind: "ACTIVATE" }
  | { kind: "DEACTIVATE" }
  | { kind: "DELETE" }
  | { kind: "SKIP"; wanted: "CREATE" | "UPDATE" | "ACTIVATE" | "DEACTIVATE" | "DELETE"; reason: string };

/**
 * User names and e-mails are compared without regard to case, as SCIM servers and the directory treat them: an
 * account whose e-mail the app spells `Dana@X.example` is not patched to `dana@x.example`.
 */
const CASE_INSENSITIVE_PATHS = new Set<TargetPath>(["userName", PRIMARY_EMAIL]);

function sameValue(path: TargetPath, from: string | null, to: string | null): boolean {
  if (from === null || to === null || !CASE_INSENSITIVE_PATHS.has(path)) return from === to;
  return from.toLowerCase() === to.toLowerCase();
}

export function diffValues(before: MappedValues, after: MappedValues): AttributeChanges {
  const changes: AttributeChanges = {};
  for (const path of new Set([...Object.keys(before), ...Object.keys(after)]) as Set<TargetPath>) {
    const from = before[path] ?? null;
    const to = after[path] ?? null;
    if (!sameValue(path, from, to)) changes[path] = { from, to };
  }
  return changes;
}

const off = (action: string) => `“${action}” is off for this app`;

export function planOperations(desired: Desired, account: KnownAccount | null, actions: SyncActions): PlannedOperation[] {
  const linked = account !== null && account.state !== "DELETED" && account.remoteId !== null;

  // Gone from the directory: delete the account, or at least stop its access.
  if (!desired.exists) {
    if (!linked) return [];
    if (actions.syncDelete) return [{ kind: "DELETE" }];
    if (account.state === "ACTIVE" && actions.syncActivation) return [{ kind: "DEACTIVATE" }];
    return [{ kind: "SKIP", wanted: "DELETE", reason: `The person was deleted from the directory, but ${off("Delete users")}.` }];
  }

  const wantsActive = desired.assigned && desired.active;

  if (!linked) {
    if (!wantsActive) return [];
    if (!actions.syncCreate) return [{ kind: "SKIP", wanted: "CREATE", reason: `The person is assigned, but ${off("Create users")}.` }];
    return [{ kind: "CREATE", values: desired.values, active: true }];
  }

  const operations: PlannedOperation[] = [];
  // Only people still in scope get profile updates; an unassigned account is left as it was.
  if (desired.assigned) {
    const changes = diffValues(account.pushedValues, desired.values);
    // A linked or imported account gets Roster's id with its next update, so a later import matches it by id.
    if (desired.externalId !== undefined && account.externalId !== undefined && account.externalId !== desired.externalId) {
      changes.externalId = { from: account.externalId, to: desired.externalId };
    }
    if (Object.keys(changes).length > 0) {
      operations.push(
        actions.syncUpdate
          ? { kind: "UPDATE", changes, values: desired.values }
          : {
              kind: "SKIP",
              wanted: "UPDATE",
              reason:
                Object.keys(changes).length === 1 && changes.externalId
                  ? `The account does not carry Roster's id yet, but ${off("Update user profile")}.`
                  : `Mapped fields changed, but ${off("Update user profile")}.`,
            },
      );
    }
  }
  if (wantsActive && account.state === "INACTIVE") {
    operations.push(
      actions.syncActivation
        ? { kind: "ACTIVATE" }
        : { kind: "SKIP", wanted: "ACTIVATE", reason: `The person is assigned and active again, but ${off("Activate and deactivate users")}.` },
    );
  }
  if (!wantsActive && account.state === "ACTIVE") {
    const why = desired.assigned ? "was deactivated in the directory" : "was unassigned from the app";
    operations.push(
      actions.syncActivation
        ? { kind: "DEACTIVATE" }
        : { kind: "SKIP", wanted: "DEACTIVATE", reason: `The person ${why}, but ${off("Activate and deactivate users")}.` },
    );
  }
  return operations;
}
