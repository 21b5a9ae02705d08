import "server-only";
import { AppError } from "../../app-error";
import { db } from "../../db";
import type { UserWriteContext } from "../../directory/users/user-audit";
import { effectiveMappingRules } from "../apps/field-mappings";
import type { ImportAction, ImportSelection } from "../import/candidate-types";
import { isTargetPath, TARGET_ATTRIBUTES } from "../mapping/target-attributes";
import { loadApp, loadPairs } from "../sync/load";
import { planPair } from "../sync/plan";
import { planContext } from "../sync/sync-pairs";
import { applyCandidates, claimCandidates } from "./apply-candidates";

/** Selections up to this size are applied for real in a transaction that is rolled back, and the engine plans the result. */
export const PREVIEW_LIMIT = 1_000;

export interface ImportPreview {
  /** People in the selection (still to import, no conflict). */
  people: number;
  /** How many of them carry each action; one person can carry two. */
  byAction: Record<ImportAction, number>;
  /** What confirming does in Roster, exactly (null when the selection is over PREVIEW_LIMIT). */
  outcome: { created: number; updated: number; assigned: number; unassigned: number; skipped: number; groupsCreated: number; membershipsAdded: number } | null;
  /** What the engine then sends to the app for these people (null when the selection is over PREVIEW_LIMIT). */
  sent: {
    /** People the app gets at least one request for. */
    people: number;
    creates: number;
    updates: number;
    activates: number;
    deactivates: number;
    deletes: number;
    /** Attributes the updates change, with how many accounts each: ["Roster's id (externalId)", 12]. */
    attributes: [string, number][];
    /** Changes left unsent because their sync action is off, with why. */
    skipped: [string, number][];
  } | null;
  /** Whether the app sends anything now: a draft app sends nothing until provisioning is set up, a paused one holds it. */
  appState: "DRAFT" | "ACTIVE" | "PAUSED" | "QUARANTINED";
  /** Whether the app's groups are pushed (group memberships added by "join groups" then reach it too). */
  pushGroups: boolean;
}

class RollBack extends Error {
  constructor(readonly preview: Pick<ImportPreview, "outcome" | "sent">) {
    super("preview rolled back");
  }
}

const SELECTION_COUNTS = (runId: string, selection: ImportSelection) => {
  const ids = "candidateIds" in selection ? selection.candidateIds : null;
  const action = "filter" in selection && selection.filter !== "ALL" ? selection.filter : null;
  return db.$queryRaw<(Record<ImportAction, number> & { people: number })[]>`
    SELECT count(*)::int AS people,
      count(*) FILTER (WHERE 'NEW' = ANY(actions))::int AS "NEW",
      count(*) FILTER (WHERE 'UPDATE' = ANY(actions))::int AS "UPDATE",
      count(*) FILTER (WHERE 'ACTIVATE' = ANY(actions))::int AS "ACTIVATE",
      count(*) FILTER (WHERE 'DEACTIVATE' = ANY(actions))::int AS "DEACTIVATE"
    FROM import_candidates
    WHERE run_id = ${runId}::uuid AND applied_at IS NULL AND conflict IS NULL AND cardinality(actions) > 0
      AND (${ids}::uuid[] IS NULL OR id = ANY(${ids}::uuid[]))
      AND (${action}::text IS NULL OR ${action}::text = ANY(actions))`;
};

function attributeLabel(path: string): string {
  if (path === "externalId") return "Roster's id (externalId)";
  return isTargetPath(path) ? TARGET_ATTRIBUTES[path].label : path;
}

function tally(entries: Map<string, number>): [string, number][] {
  return [...entries.entries()].sort((a, b) => b[1] - a[1]);
}

/**
 * What confirming a selection would do, exactly: the confirm's own apply step runs in one transaction
 * that is then rolled back, and the sync engine's load and plan steps (as Dry run) say what would then
 * be sent to the app for the people it touched. Nothing is committed, queued or sent. The run's row is
 * locked first, so a preview never runs beside a confirm of the same run (whose claim skips locked rows).
 */
export async function previewImport(
  organizationId: string,
  runId: string,
  selection: ImportSelection,
  context: UserWriteContext,
  { joinGroups = false }: { joinGroups?: boolean } = {},
): Promise<ImportPreview> {
  const run = await db.importRun.findFirst({ where: { id: runId, app: { organizationId } }, select: { id: true, appId: true } });
  if (!run) throw new AppError("not_found", "This import no longer exists; fetch the app's users again.");
  const app = await loadApp(run.appId, organizationId);
  if (!app) throw new AppError("not_found", "This app no longer exists.");
  const [counts] = await SELECTION_COUNTS(runId, selection);
  const { people, ...byAction } = counts!;
  const base = { people, byAction, appState: app.state, pushGroups: app.pushGroups };
  if (people === 0 || people > PREVIEW_LIMIT) return { ...base, outcome: null, sent: null };

  const rules = effectiveMappingRules(app);
  try {
    await db.$transaction(
      async (tx) => {
        const [locked] = await tx.$queryRaw<{ status: string }[]>`SELECT status::text FROM import_runs WHERE id = ${runId}::uuid FOR UPDATE`;
        if (locked?.status !== "READY" && locked?.status !== "CONFIRMED")
          throw new AppError("conflict", "This import is being applied; wait for it to finish.");
        const outcome = { created: 0, updated: 0, assigned: 0, unassigned: 0, skipped: 0, groupsCreated: 0, membershipsAdded: 0 };
        const touched = new Set<string>();
        let after = -1;
        for (;;) {
          const batch = await claimCandidates(tx, runId, selection, after);
          if (batch.length === 0) break;
          const result = await applyCandidates(tx, app.id, batch, rules, context, { joinGroups });
          outcome.created += result.created;
          outcome.updated += result.updated;
          outcome.assigned += result.assigned;
          outcome.unassigned += result.unassigned;
          outcome.skipped += result.skipped.length;
          outcome.groupsCreated += result.groupsCreated;
          outcome.membershipsAdded += result.membershipsAdded;
          for (const id of result.people) touched.add(id);
          after = result.resumeAfter;
        }
        const sent = { people: 0, creates: 0, updates: 0, activates: 0, deactivates: 0, deletes: 0 };
        const attributes = new Map<string, number>();
        const skipped = new Map<string, number>();
        const plan = planContext(app);
        for (const pair of await loadPairs(app, [...touched], tx)) {
          const { operations } = planPair(pair, plan);
          if (operations.some((operation) => operation.kind !== "SKIP")) sent.people += 1;
          for (const operation of operations) {
            if (operation.kind === "SKIP") skipped.set(operation.reason, (skipped.get(operation.reason) ?? 0) + 1);
            else if (operation.kind === "CREATE") sent.creates += 1;
            else if (operation.kind === "ACTIVATE") sent.activates += 1;
            else if (operation.kind === "DEACTIVATE") sent.deactivates += 1;
            else if (operation.kind === "DELETE") sent.deletes += 1;
            else {
              sent.updates += 1;
              for (const path of Object.keys(operation.changes)) attributes.set(attributeLabel(path), (attributes.get(attributeLabel(path)) ?? 0) + 1);
            }
          }
        }
        throw new RollBack({ outcome, sent: { ...sent, attributes: tally(attributes), skipped: tally(skipped) } });
      },
      { timeout: 60_000 },
    );
  } catch (error) {
    if (error instanceof RollBack) return { ...base, ...error.preview };
    throw error;
  }
  throw new Error("The import preview's transaction was not rolled back.");
}
