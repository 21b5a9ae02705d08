import "server-only";
import type { Prisma } from "../../generated/prisma/client";
import { AppError } from "../../app-error";
import { db } from "../../db";
import { enqueue } from "../../queue/enqueue";
import { jobs } from "../../queue/jobs";
import type { UserWriteContext } from "../../directory/users/user-audit";
import { recordAppChange } from "../apps/app-audit";
import { FIELD_MAPPING_SELECT, effectiveMappingRules } from "../apps/field-mappings";
import type { ImportSelection } from "../import/candidate-types";
import { applyCandidates, claimCandidates } from "./apply-candidates";

function selectionWhere(runId: string, selection: ImportSelection): Prisma.ImportCandidateWhereInput {
  const base: Prisma.ImportCandidateWhereInput = { runId, appliedAt: null, conflict: null, NOT: { actions: { isEmpty: true } } };
  if ("candidateIds" in selection) return { ...base, id: { in: selection.candidateIds } };
  return selection.filter === "ALL" ? base : { ...base, actions: { has: selection.filter } };
}

export interface ImportOptions {
  /** Add the imported people to directory groups named as their groups in the app, creating the missing ones. */
  joinGroups?: boolean;
}

/**
 * Confirm Assignment: queues applying the selected candidates. The job does
 * the work through the directory's own (bulk) services, so every change is
 * audited and marked for reconcile like any other; the app's values are
 * recorded as what the account already has, so nothing is pushed back.
 */
export async function confirmImport(
  organizationId: string,
  runId: string,
  selection: ImportSelection,
  context: UserWriteContext,
  { joinGroups = false }: ImportOptions = {},
) {
  const run = await db.importRun.findFirst({
    where: { id: runId, app: { organizationId } },
    select: { id: true, status: true, app: { select: { id: true, name: true } } },
  });
  if (!run) throw new AppError("not_found", "This import no longer exists; fetch the app's users again.");
  if (run.status !== "READY" && run.status !== "CONFIRMED") throw new AppError("conflict", "This import is not ready to confirm.");
  const toApply = await db.importCandidate.count({ where: selectionWhere(runId, selection) });
  await db.$transaction(async (tx) => {
    await tx.importRun.update({ where: { id: runId }, data: { status: "CONFIRMING", applied: 0, toApply } });
    await enqueue(tx, jobs.importConfirm, { runId, selection, actor: context.actor, ip: context.ip ?? null, ...(joinGroups ? { joinGroups } : {}) });
    await recordAppChange(tx, context, run.app, "app.import_confirmed", {
      people: { from: null, to: toApply },
      ...(joinGroups ? { groups: { from: null, to: `people added to their ${run.app.name} groups` } } : {}),
    });
  });
  return { toApply };
}

/**
 * The `import-confirm` job: applies the selection a bounded batch per
 * transaction (see `applyCandidates`), counting progress on the run as each
 * batch commits. A batch claims its candidates in the same transaction, so a
 * killed job that is retried, or a second job over the same run, never applies
 * a candidate twice.
 */
export async function applyImport(
  runId: string,
  selection: ImportSelection,
  actor: UserWriteContext["actor"],
  ip: string | null,
  { joinGroups = false }: ImportOptions = {},
): Promise<void> {
  const run = await db.importRun.findUniqueOrThrow({
    where: { id: runId },
    select: {
      app: {
        select: { id: true, organizationId: true, catalogKey: true, organization: { select: { plan: true } }, fieldMappings: { select: FIELD_MAPPING_SELECT } },
      },
    },
  });
  const { app } = run;
  const context: UserWriteContext = { organizationId: app.organizationId, actor, ip };
  const rules = effectiveMappingRules(app);
  const summary = {
    created: 0,
    updated: 0,
    assigned: 0,
    unassigned: 0,
    joinGroups,
    groupsCreated: 0,
    membershipsAdded: 0,
    skipped: [] as { who: string; reason: string }[],
  };

  let after = -1;
  for (;;) {
    const outcome = await db.$transaction(
      async (tx) => {
        const batch = await claimCandidates(tx, runId, selection, after);
        if (batch.length === 0) return null;
        const outcome = await applyCandidates(tx, app.id, batch, rules, context, { joinGroups });
        await tx.importRun.update({ where: { id: runId }, data: { applied: { increment: outcome.applied } } });
        return outcome;
      },
      { timeout: 120_000 },
    );
    if (!outcome) break;
    summary.created += outcome.created;
    summary.updated += outcome.updated;
    summary.assigned += outcome.assigned;
    summary.unassigned += outcome.unassigned;
    summary.groupsCreated += outcome.groupsCreated;
    summary.membershipsAdded += outcome.membershipsAdded;
    summary.skipped.push(...outcome.skipped);
    after = outcome.resumeAfter;
  }
  await db.importRun.update({
    where: { id: runId },
    data: {
      status: "CONFIRMED",
      summary: { ...summary, skipped: summary.skipped.slice(0, 200), skippedCount: summary.skipped.length },
      finishedAt: new Date(),
    },
  });
}
