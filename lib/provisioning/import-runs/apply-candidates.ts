import "server-only";
import { AppError } from "../../app-error";
import type { Tx } from "../../db";
import type { Prisma } from "../../generated/prisma/client";
import { assignPeople, unassignPeople } from "../../directory/assignments/assign-users";
import { userInput, type UserInput } from "../../directory/schemas/user";
import { createPeople } from "../../directory/users/create-people";
import { MAPPABLE_PERSON_SELECT } from "../../directory/users/mappable-person";
import { updateUser } from "../../directory/users/save-user";
import { displayLabel, type UserWriteContext } from "../../directory/users/user-audit";
import type { effectiveMappingRules } from "../apps/field-mappings";
import type { ImportAction, ImportSelection } from "../import/candidate-types";
import type { MappedValues } from "../mapping/build-scim-user";
import { directoryValuesFromApp } from "../mapping/directory-values-from-app";
import { markForReconcile } from "../../queue/mark-for-reconcile";
import { adoptAccounts, forgetAccounts, type AdoptedAccount } from "./adopt-accounts";
import { joinAppGroups } from "./join-app-groups";

/**
 * Candidates per transaction: each batch commits on its own, so a long import
 * holds no lock for long and progress moves every batch; large enough that the
 * bulk statements, not the round trips, are the cost.
 */
export const CONFIRM_BATCH = 500;

/** What the confirm job needs of a candidate. */
export interface ClaimedCandidate {
  id: string;
  position: number;
  remoteId: string | null;
  userName: string | null;
  email: string | null;
  remoteActive: boolean | null;
  remoteValues: MappedValues | null;
  matchedUserId: string | null;
  /** How the app's user matched the person: "externalId" means it carries Roster's id already. */
  matchedBy: string | null;
  actions: ImportAction[];
  /** The names of the app's groups the user is a member of. */
  remoteGroups: string[];
}

export interface BatchOutcome {
  /** Candidates done (applied or skipped with a reason). */
  applied: number;
  created: number;
  updated: number;
  assigned: number;
  unassigned: number;
  /** Directory groups created for the app's groups (only with `joinGroups`). */
  groupsCreated: number;
  /** People added to directory groups (only with `joinGroups`). */
  membershipsAdded: number;
  skipped: { who: string; reason: string }[];
  /** The directory people the batch applied candidates to (what a preview plans the app's side for). */
  people: string[];
  /** Where the next batch starts: after this position. */
  resumeAfter: number;
}

/**
 * Claims the next batch of the selection, in input order after `after`, by
 * marking it applied in the caller's transaction: if the transaction fails,
 * the candidates are unclaimed with it. Rows another job holds are skipped
 * (`SKIP LOCKED`), so two jobs over one run never apply a candidate twice.
 * Keyset paging on `position`, so batch 100 costs what batch 1 does.
 */
export async function claimCandidates(tx: Tx, runId: string, selection: ImportSelection, after: number, limit = CONFIRM_BATCH): Promise<ClaimedCandidate[]> {
  const ids = "candidateIds" in selection ? selection.candidateIds : null;
  const action = "filter" in selection && selection.filter !== "ALL" ? selection.filter : null;
  const rows = await tx.$queryRaw<ClaimedCandidate[]>`
    UPDATE import_candidates SET applied_at = now()
    WHERE id IN (
      SELECT id FROM import_candidates
      WHERE run_id = ${runId}::uuid AND position > ${after}::int AND applied_at IS NULL AND conflict IS NULL AND cardinality(actions) > 0
        AND (${ids}::uuid[] IS NULL OR id = ANY(${ids}::uuid[]))
        AND (${action}::text IS NULL OR ${action}::text = ANY(actions))
      ORDER BY position
      LIMIT ${limit}::int
      FOR UPDATE SKIP LOCKED
    )
    RETURNING id::text, position, remote_id AS "remoteId", user_name AS "userName", email, remote_active AS "remoteActive",
      remote_values AS "remoteValues", matched_user_id::text AS "matchedUserId", matched_by AS "matchedBy", actions,
      remote_groups AS "remoteGroups"`;
  return rows.sort((a, b) => a.position - b.position);
}

type Rules = ReturnType<typeof effectiveMappingRules>;
type Person = Prisma.UserGetPayload<{ select: typeof MAPPABLE_PERSON_SELECT }>;

interface Pending {
  candidate: ClaimedCandidate;
  remoteValues: MappedValues;
  fromApp: ReturnType<typeof directoryValuesFromApp>;
  userId: string | null;
  person?: Person;
}

/**
 * Applies a claimed batch with a few bulk statements, with the same results,
 * audit events and reconcile marks as applying each candidate through the
 * directory's one-person services:
 *   - New: creates the person (or, when someone holds the e-mail by now, links
 *     that person instead of creating a duplicate), assigns the app;
 *   - Update: the app's values overwrite the directory's mapped fields;
 *   - Activate / Deactivate: assigns / unassigns the app;
 *   - then links the account with the app's values, so nothing is pushed back;
 *   - with `joinGroups`, adds each person active in the app (and not being deactivated) to the directory groups
 *     named as their groups in the app, creating the missing ones (see `joinAppGroups`).
 * A candidate that cannot be applied is skipped with the reason in plain words;
 * it never fails the batch. A second candidate for a person already in this
 * batch is left for the next batch, so candidates apply in order, one at a time per person.
 */
export async function applyCandidates(
  tx: Tx,
  appId: string,
  batch: readonly ClaimedCandidate[],
  rules: Rules,
  context: UserWriteContext,
  { joinGroups = false }: { joinGroups?: boolean } = {},
): Promise<BatchOutcome> {
  const outcome: BatchOutcome = {
    applied: 0,
    created: 0,
    updated: 0,
    assigned: 0,
    unassigned: 0,
    groupsCreated: 0,
    membershipsAdded: 0,
    skipped: [],
    people: [],
    resumeAfter: batch.at(-1)?.position ?? -1,
  };
  const skip = (entry: Pending, reason: string) =>
    outcome.skipped.push({ who: entry.candidate.userName ?? entry.candidate.email ?? entry.candidate.id, reason });

  const pending: Pending[] = batch.map((candidate) => {
    const remoteValues = (candidate.remoteValues ?? {}) as MappedValues;
    return { candidate, remoteValues, fromApp: directoryValuesFromApp(remoteValues, rules), userId: candidate.matchedUserId };
  });

  // New: create everyone whose e-mail is free in one statement; the others are linked to whoever holds it.
  const newcomers = new Map<Pending, { email: string; input?: UserInput; invalid?: string }>();
  for (const entry of pending) {
    if (!entry.candidate.actions.includes("NEW")) continue;
    const { fromApp, candidate } = entry;
    const email = (fromApp.email ?? candidate.email ?? candidate.userName ?? "").toLowerCase();
    const parsed = userInput.safeParse({
      ...fromApp,
      email,
      firstName: fromApp.firstName ?? email.split("@")[0] ?? "",
      lastName: fromApp.lastName ?? "(from app)",
      status: "ACTIVE",
    });
    newcomers.set(
      entry,
      parsed.success
        ? { email: parsed.data.email, input: parsed.data }
        : { email, invalid: parsed.error.issues[0]?.message ?? "the app's values are not valid" },
    );
  }
  const { created, held } = await createPeople(
    tx,
    context,
    [...newcomers.values()].flatMap((newcomer) => (newcomer.input ? [newcomer.input] : [])),
  );
  const invalidEmails = [...newcomers.values()].filter((newcomer) => newcomer.invalid && newcomer.email).map((newcomer) => newcomer.email);
  if (invalidEmails.length > 0) {
    // As for one person: an e-mail someone holds is linked even when the app's other values would not make a valid person.
    const holders = await tx.user.findMany({
      where: { organizationId: context.organizationId, email: { in: invalidEmails } },
      select: { id: true, firstName: true, lastName: true, email: true },
    });
    for (const holder of holders) held.set(holder.email, holder);
  }
  const counted = new Set<string>();
  const active: Pending[] = [];
  for (const entry of pending) {
    const newcomer = newcomers.get(entry);
    if (newcomer) {
      const mine = created.get(newcomer.email);
      if (mine && !counted.has(mine.id)) {
        counted.add(mine.id);
        outcome.created += 1;
      }
      entry.userId = (mine ?? held.get(newcomer.email))?.id ?? null;
      if (!entry.userId) {
        skip(
          entry,
          newcomer.invalid
            ? `Not created: ${newcomer.invalid}`
            : `Not created: the e-mail ${newcomer.email} was taken and freed again while importing; confirm again.`,
        );
        continue;
      }
    }
    if (!entry.userId) skip(entry, "No directory person to apply this to.");
    else active.push(entry);
  }

  // One candidate per person per batch: a later one waits for the next batch (it is unclaimed below).
  const byPerson = new Map<string, Pending>();
  const deferred: Pending[] = [];
  for (const entry of active) {
    if (byPerson.has(entry.userId!)) deferred.push(entry);
    else byPerson.set(entry.userId!, entry);
  }
  if (deferred.length > 0) {
    await tx.$executeRaw`UPDATE import_candidates SET applied_at = NULL WHERE id = ANY(${deferred.map((entry) => entry.candidate.id)}::uuid[])`;
    outcome.resumeAfter = Math.min(...deferred.map((entry) => entry.candidate.position)) - 1;
  }
  outcome.applied = batch.length - deferred.length;

  const people = await tx.user.findMany({
    where: { organizationId: context.organizationId, id: { in: [...byPerson.keys()] } },
    select: MAPPABLE_PERSON_SELECT,
  });
  for (const person of people) byPerson.get(person.id)!.person = person;
  const found: Pending[] = [];
  for (const entry of byPerson.values()) {
    if (entry.person) found.push(entry);
    else skip(entry, "The directory person was deleted since the fetch.");
  }

  // Update: through the directory's own service, one person at a time (a savepoint each, so a refusal skips the candidate, not the batch).
  const applying: Pending[] = [];
  for (const entry of found) {
    if (entry.candidate.actions.includes("UPDATE")) {
      const reason = await updateFromApp(tx, entry, context);
      if (reason === "changed") outcome.updated += 1;
      else if (reason !== "unchanged") {
        skip(entry, reason);
        continue;
      }
    }
    applying.push(entry);
  }

  // Assignments: the app for New and Activate, kept for Update, taken away for Deactivate.
  const assigned = new Set(
    (await tx.assignment.findMany({ where: { appId, userId: { in: applying.map((entry) => entry.person!.id) } }, select: { userId: true } })).map(
      (row) => row.userId,
    ),
  );
  const toAssign: Person[] = [];
  const toUnassign: Person[] = [];
  for (const { candidate, person } of applying) {
    const { actions } = candidate;
    const isAssigned = assigned.has(person!.id);
    const wantsAssigned = actions.includes("NEW") || actions.includes("ACTIVATE") || (isAssigned && !actions.includes("DEACTIVATE"));
    if (wantsAssigned && !isAssigned) toAssign.push(person!);
    if (!wantsAssigned && isAssigned) toUnassign.push(person!);
  }
  const newlyAssigned = await assignPeople(tx, context, appId, toAssign, { app: { from: null, to: "imported" } });
  const unassigned = await unassignPeople(tx, context, appId, toUnassign, { app: { from: "assigned", to: null } });
  outcome.assigned += newlyAssigned.length;
  outcome.unassigned += unassigned.length;

  // What the app holds is what Roster last "sent": the imported values are not pushed back.
  const adopted: AdoptedAccount[] = [];
  const gone: string[] = [];
  for (const { candidate, person, remoteValues } of applying) {
    if (candidate.remoteId) {
      adopted.push({
        userId: person!.id,
        userLabel: displayLabel(person!),
        remoteId: candidate.remoteId,
        remoteUserName: candidate.userName,
        remoteExternalId: candidate.matchedBy === "externalId" ? person!.id : null,
        pushedValues: remoteValues,
        state: candidate.remoteActive === false ? "INACTIVE" : "ACTIVE",
      });
    } else {
      gone.push(person!.id);
    }
  }
  await adoptAccounts(tx, appId, adopted);
  await forgetAccounts(tx, appId, gone);
  outcome.people = applying.map((entry) => entry.person!.id);

  if (joinGroups) {
    // Someone inactive in the app, or losing it, is not put in groups: a group assigned to the app would give it back.
    const joining = applying.filter(({ candidate }) => candidate.remoteId && candidate.remoteActive !== false && !candidate.actions.includes("DEACTIVATE"));
    const joins = await joinAppGroups(
      tx,
      context,
      joining.map(({ candidate, person }) => ({ userId: person!.id, groups: candidate.remoteGroups })),
    );
    outcome.groupsCreated += joins.groupsCreated;
    outcome.membershipsAdded += joins.membershipsAdded;
    for (const { name, reason } of joins.refused) outcome.skipped.push({ who: `The group “${name}”`, reason: `Not created: ${reason}` });
  }

  // Every applied person is marked for reconcile; the assignment changes marked theirs already.
  const marked = new Set([...newlyAssigned, ...unassigned].map((person) => person.id));
  await markForReconcile(
    tx,
    [appId],
    applying.map((entry) => entry.person!.id).filter((id) => !marked.has(id)),
  );
  return outcome;
}

/** Writes the app's values over the person's mapped fields: "changed", "unchanged", or why not, in plain words. */
async function updateFromApp(tx: Tx, entry: Pending, context: UserWriteContext): Promise<string> {
  const merged = userInput.safeParse({ ...entry.person, ...entry.fromApp });
  if (!merged.success) return `Not updated: ${merged.error.issues[0]?.message ?? "the app's values are not valid"}`;
  await tx.$executeRaw`SAVEPOINT import_update`;
  try {
    const { changed } = await updateUser(entry.person!.id, merged.data, context, tx);
    await tx.$executeRaw`RELEASE SAVEPOINT import_update`;
    return changed.length > 0 ? "changed" : "unchanged";
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    // Another person holds the app's e-mail (or took it meanwhile): this candidate is skipped, the batch goes on.
    await tx.$executeRaw`ROLLBACK TO SAVEPOINT import_update`;
    return `Not updated: ${error.message}`;
  }
}
