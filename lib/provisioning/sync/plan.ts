/**
 * The engine's second step, pure: from a loaded pair, what the person should be in the app, how
 * to call them in the log, and the operations that bring the app in line (planOperations). The
 * same function plans a single edit, a Sync now batch, Provision now and Dry run, so all four
 * agree on what would be sent.
 */
import { mapValues, type MappedValues, type MappingRule } from "../mapping/build-scim-user";
import type { DirectoryPerson } from "../mapping/directory-fields";
import { planOperations, type Desired, type KnownAccount, type PlannedOperation, type SyncActions } from "../plan/plan-operations";

/** One line of what the engine looked at and did, for the "Provision now" panel. */
export interface SyncStep {
  step: string;
  outcome: "ok" | "info" | "skipped" | "failed";
  detail: string;
}

export interface PlanContext {
  rules: readonly MappingRule[];
  organizationName: string;
  actions: SyncActions;
  /**
   * The app is being deleted and the admin chose to deactivate its accounts first: every account Roster manages
   * there is wanted inactive, whoever the person is and whatever the sync actions say; nothing else is sent.
   */
  deactivateAll?: boolean;
}

/** The plan context of a deactivate-everyone run (before an app is deleted): deactivations only. */
export const DEACTIVATE_ALL_CONTEXT: PlanContext = {
  rules: [],
  organizationName: "",
  actions: { syncCreate: false, syncUpdate: false, syncDelete: false, syncActivation: true },
  deactivateAll: true,
};

/** What the log says of each account a deactivate-everyone run deactivates. */
export const DEACTIVATE_ALL_NOTE = "Deactivated before deleting the app: the admin chose to deactivate every account Roster manages in it.";

export interface PlannablePair {
  userId: string;
  person: DirectoryPerson | null;
  assigned: boolean;
  account: (KnownAccount & { userLabel: string; remoteUserName?: string | null }) | null;
}

export interface PairPlan {
  userId: string;
  label: string;
  desired: Desired;
  known: KnownAccount | null;
  operations: PlannedOperation[];
  /** "In scope?" and "Matched?", as Provision now shows them. */
  explanation: SyncStep[];
}

/** How the log names a person: their name and e-mail now, or the label kept on their account once they are gone. */
export function personLabel(
  person: Pick<DirectoryPerson, "firstName" | "lastName" | "email"> | null,
  account: { userLabel: string } | null,
  userId: string,
): string {
  return person ? `${person.firstName} ${person.lastName} <${person.email}>` : (account?.userLabel ?? userId);
}

function desiredOf(pair: Pick<PlannablePair, "person" | "assigned">, context: Omit<PlanContext, "actions">): Desired {
  const person = pair.person;
  return person
    ? {
        exists: true,
        assigned: pair.assigned,
        active: person.status === "ACTIVE",
        values: mapValues(person, context.rules, { organizationName: context.organizationName }),
        externalId: person.id,
      }
    : { exists: false };
}

export function planPair(pair: PlannablePair, context: PlanContext): PairPlan {
  const desired: Desired = context.deactivateAll ? { exists: true, assigned: false, active: false, values: {} } : desiredOf(pair, context);
  const known: KnownAccount | null = pair.account
    ? {
        remoteId: pair.account.remoteId,
        state: pair.account.state,
        pushedValues: pair.account.pushedValues as MappedValues,
        externalId: pair.account.externalId,
      }
    : null;
  return {
    userId: pair.userId,
    label: personLabel(pair.person, pair.account, pair.userId),
    desired,
    known,
    operations: planOperations(desired, known, context.actions),
    explanation: context.deactivateAll
      ? [{ step: "In scope?", outcome: "info", detail: "The app is being deleted, and the admin chose to deactivate every account in it first." }]
      : explain(desired, pair.account),
  };
}

function explain(desired: Desired, account: PlannablePair["account"]): SyncStep[] {
  return [
    {
      step: "In scope?",
      outcome: "info",
      detail: !desired.exists
        ? "No: the person was deleted from the directory."
        : desired.assigned
          ? desired.active
            ? "Yes: assigned and active."
            : "Assigned, but deactivated in the directory."
          : "No: not assigned to this app.",
    },
    {
      step: "Matched?",
      outcome: "info",
      detail:
        account?.remoteId && account.state !== "DELETED"
          ? `Yes: linked to the app's user ${account.remoteUserName ?? account.remoteId}.`
          : "Not linked to an account in the app yet.",
    },
  ];
}
