import "server-only";
import { MAPPABLE_PERSON_SELECT } from "../../directory/users/mappable-person";
import type { Prisma } from "../../generated/prisma/client";
import { AppError } from "../../app-error";
import { db, type Tx } from "../../db";
import { userInput } from "../../directory/schemas/user";
import { createUser, updateUser } from "../../directory/users/save-user";
import { recordUserChange, type UserWriteContext } from "../../directory/users/user-audit";
import { recordAppChange } from "../apps/app-audit";
import { toMappingRules } from "../apps/field-mappings";
import type { ImportAction } from "../import/candidate-types";
import type { MappedValues } from "../mapping/build-scim-user";
import { directoryValuesFromApp } from "../mapping/directory-values-from-app";
import { markForReconcile } from "../queue/mark-for-reconcile";

export type ImportSelection = { candidateIds: string[] } | { filter: "ALL" | ImportAction };

/** Candidates per transaction: each batch commits on its own, so a long import holds no lock for long. */
const BATCH = 200;

function selectionWhere(runId: string, selection: ImportSelection): Prisma.ImportCandidateWhereInput {
  const base: Prisma.ImportCandidateWhereInput = { runId, appliedAt: null, conflict: null, NOT: { actions: { isEmpty: true } } };
  if ("candidateIds" in selection) return { ...base, id: { in: selection.candidateIds } };
  return selection.filter === "ALL" ? base : { ...base, actions: { has: selection.filter } };
}

/**
 * Confirm Assignment: queues applying the selected candidates. The job does
 * the work through the directory's own services, so every change is audited
 * and marked for reconcile like any other; the app's values are recorded as
 * what the account already has, so nothing is pushed back.
 */
export async function confirmImport(organizationId: string, runId: string, selection: ImportSelection, context: UserWriteContext) {
  const run = await db.importRun.findFirst({ where: { id: runId, app: { organizationId } }, select: { id: true, status: true, app: { select: { id: true, name: true } } } });
  if (!run) throw new AppError("not_found", "This import no longer exists; fetch the app's users again.");
  if (run.status !== "READY" && run.status !== "CONFIRMED") throw new AppError("conflict", "This import is not ready to confirm.");
  const toApply = await db.importCandidate.count({ where: selectionWhere(runId, selection) });
  await db.$transaction(async (tx) => {
    await tx.importRun.update({ where: { id: runId }, data: { status: "CONFIRMING", applied: 0, toApply } });
    await tx.$executeRaw`SELECT graphile_worker.add_job('import-confirm', ${JSON.stringify({ runId, selection, actor: context.actor, ip: context.ip ?? null })}::json, max_attempts := 3)`;
    await recordAppChange(tx, context, run.app, "app.import_confirmed", { people: { from: null, to: toApply } });
  });
  return { toApply };
}

/** The `import-confirm` job. */
export async function applyImport(runId: string, selection: ImportSelection, actor: UserWriteContext["actor"], ip: string | null): Promise<void> {
  const run = await db.importRun.findUniqueOrThrow({
    where: { id: runId },
    select: { app: { select: { id: true, organizationId: true, fieldMappings: { select: { target: true, sourceField: true, hardcodedValue: true } } } } },
  });
  const { app } = run;
  const context: UserWriteContext = { organizationId: app.organizationId, actor, ip };
  const rules = toMappingRules(app.fieldMappings);
  const summary = { created: 0, updated: 0, assigned: 0, unassigned: 0, skipped: [] as { who: string; reason: string }[] };

  for (;;) {
    const batch = await db.importCandidate.findMany({ where: selectionWhere(runId, selection), orderBy: { position: "asc" }, take: BATCH });
    if (batch.length === 0) break;
    await db.$transaction(
      async (tx) => {
        for (const candidate of batch) {
          const reason = await applyCandidate(tx, app.id, candidate, rules, context, summary);
          if (reason) summary.skipped.push({ who: candidate.userName ?? candidate.email ?? candidate.id, reason });
          await tx.importCandidate.update({ where: { id: candidate.id }, data: { appliedAt: new Date() } });
        }
        await tx.importRun.update({ where: { id: runId }, data: { applied: { increment: batch.length } } });
      },
      { timeout: 120_000 },
    );
  }
  await db.importRun.update({
    where: { id: runId },
    data: { status: "CONFIRMED", summary: { ...summary, skipped: summary.skipped.slice(0, 200), skippedCount: summary.skipped.length }, finishedAt: new Date() },
  });
}

type Candidate = Awaited<ReturnType<Tx["importCandidate"]["findMany"]>>[number];
type Summary = { created: number; updated: number; assigned: number; unassigned: number };

/** Applies one candidate's actions; returns why it was skipped, if it was. */
async function applyCandidate(tx: Tx, appId: string, candidate: Candidate, rules: ReturnType<typeof toMappingRules>, context: UserWriteContext, summary: Summary): Promise<string | null> {
  const actions = candidate.actions as ImportAction[];
  const remoteValues = (candidate.remoteValues ?? {}) as MappedValues;
  const fromApp = directoryValuesFromApp(remoteValues, rules);
  let userId = candidate.matchedUserId;

  if (actions.includes("NEW")) {
    const email = (fromApp.email ?? candidate.email ?? candidate.userName ?? "").toLowerCase();
    const existing = email ? await tx.user.findFirst({ where: { organizationId: context.organizationId, email }, select: { id: true } }) : null;
    if (existing) {
      userId = existing.id; // Someone added them since the fetch: link rather than duplicate.
    } else {
      const parsed = userInput.safeParse({
        ...fromApp,
        email,
        firstName: fromApp.firstName ?? email.split("@")[0] ?? "",
        lastName: fromApp.lastName ?? "(from app)",
        status: "ACTIVE",
      });
      if (!parsed.success) return `Not created: ${parsed.error.issues[0]?.message ?? "the app's values are not valid"}`;
      userId = (await createUser(parsed.data, context, tx)).id;
      summary.created += 1;
    }
  }
  if (!userId) return "No directory person to apply this to.";
  const person = await tx.user.findFirst({
    where: { id: userId, organizationId: context.organizationId },
    select: MAPPABLE_PERSON_SELECT,
  });
  if (!person) return "The directory person was deleted since the fetch.";

  if (actions.includes("UPDATE")) {
    const merged = userInput.safeParse({ ...person, ...fromApp });
    if (!merged.success) return `Not updated: ${merged.error.issues[0]?.message ?? "the app's values are not valid"}`;
    const { changed } = await updateUser(person.id, merged.data, context, tx);
    if (changed.length > 0) summary.updated += 1;
  }

  const assigned = (await tx.assignment.count({ where: { appId, userId: person.id } })) > 0;
  const wantsAssigned = actions.includes("NEW") || actions.includes("ACTIVATE") || (assigned && !actions.includes("DEACTIVATE"));
  if (wantsAssigned && !assigned) {
    await tx.assignment.create({ data: { appId, userId: person.id } });
    await recordUserChange(tx, context, person, "user.assigned", { app: { from: null, to: "imported" } });
    summary.assigned += 1;
  }
  if (!wantsAssigned && assigned) {
    await tx.assignment.delete({ where: { appId_userId: { appId, userId: person.id } } });
    await recordUserChange(tx, context, person, "user.unassigned", { app: { from: "assigned", to: null } });
    summary.unassigned += 1;
  }

  // What the app holds is what Roster last "sent": the imported values are not pushed back.
  const label = `${person.firstName} ${person.lastName} <${person.email}>`;
  if (candidate.remoteId) {
    const state = candidate.remoteActive === false ? "INACTIVE" : "ACTIVE";
    await tx.account.upsert({
      where: { appId_userId: { appId, userId: person.id } },
      create: { appId, userId: person.id, userLabel: label, remoteId: candidate.remoteId, remoteUserName: candidate.userName, pushedValues: remoteValues, state, lastSyncedAt: new Date() },
      update: { remoteId: candidate.remoteId, remoteUserName: candidate.userName, pushedValues: remoteValues, state, userLabel: label },
    });
  } else {
    await tx.account.updateMany({ where: { appId, userId: person.id }, data: { state: "DELETED", remoteId: null } });
  }
  await markForReconcile(tx, [appId], [person.id]);
  return null;
}
