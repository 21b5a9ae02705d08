import "server-only";
import type { Prisma } from "../../generated/prisma/client";
import { db } from "../../db";
import { searchTextFromUrl } from "../../http/search-text";
import type { ImportAction } from "../import/candidate-types";

export const CANDIDATES_PAGE_SIZE = 50;
export type CandidateFilter = "ALL" | ImportAction;

/** The app's latest import snapshot, as its page shows it. */
export async function getLatestImportRun(organizationId: string, appId: string) {
  return db.importRun.findFirst({
    where: { appId, app: { organizationId } },
    orderBy: { startedAt: "desc" },
    select: {
      id: true,
      status: true,
      fetched: true,
      total: true,
      applied: true,
      toApply: true,
      counts: true,
      summary: true,
      error: true,
      startedAt: true,
      finishedAt: true,
    },
  });
}

/** What each tab counts: candidates still to import (not applied, no conflict, something to do), by action. */
export interface CandidateCounts {
  all: number;
  NEW: number;
  UPDATE: number;
  ACTIVATE: number;
  DEACTIVATE: number;
  /** Still to import and needing more than one action: why the action tabs add up to more than All. */
  overlapping: number;
  /** How much more than All the action tabs add up to. */
  extra: number;
  applied: number;
  conflicts: number;
}

/**
 * The tabs' counts, read live from the candidates (not the figures stored when the fetch finished), so after a
 * confirm they drop by what was applied.
 */
export async function countCandidates(runId: string): Promise<CandidateCounts> {
  const [row] = await db.$queryRaw<Record<keyof CandidateCounts, number>[]>`
    WITH pending AS (
      SELECT actions FROM import_candidates
      WHERE run_id = ${runId}::uuid AND applied_at IS NULL AND conflict IS NULL AND cardinality(actions) > 0
    )
    SELECT
      (SELECT count(*) FROM pending)::int AS "all",
      (SELECT count(*) FROM pending WHERE 'NEW' = ANY(actions))::int AS "NEW",
      (SELECT count(*) FROM pending WHERE 'UPDATE' = ANY(actions))::int AS "UPDATE",
      (SELECT count(*) FROM pending WHERE 'ACTIVATE' = ANY(actions))::int AS "ACTIVATE",
      (SELECT count(*) FROM pending WHERE 'DEACTIVATE' = ANY(actions))::int AS "DEACTIVATE",
      (SELECT count(*) FROM pending WHERE cardinality(actions) > 1)::int AS overlapping,
      (SELECT coalesce(sum(cardinality(actions) - 1), 0) FROM pending)::int AS extra,
      (SELECT count(*) FROM import_candidates WHERE run_id = ${runId}::uuid AND applied_at IS NOT NULL)::int AS applied,
      (SELECT count(*) FROM import_candidates WHERE run_id = ${runId}::uuid AND conflict IS NOT NULL)::int AS conflicts`;
  return row!;
}

/**
 * One page of candidates in a filter, in the app's order, searchable by user name, e-mail, name or the app's group names.
 * The search and page come from the URL: control characters are removed and the page number is kept to a whole number in range.
 */
export async function listCandidates(runId: string, options: { filter: CandidateFilter; q?: unknown; page?: number }) {
  const q = searchTextFromUrl.parse(options.q);
  const where: Prisma.ImportCandidateWhereInput = {
    runId,
    ...(options.filter === "ALL" ? {} : { actions: { has: options.filter } }),
    ...(q ? { searchText: { contains: q.toLowerCase().replace(/[\\%_]/g, "\\$&") } } : {}),
  };
  const page = Math.min(Math.max(1, Math.trunc(options.page ?? 1) || 1), 1_000_000);
  // What "Select all" takes: every candidate of the filter still to import (the search narrows the rows shown, not that).
  const selectableWhere: Prisma.ImportCandidateWhereInput = {
    runId,
    ...(options.filter === "ALL" ? {} : { actions: { has: options.filter } }),
    appliedAt: null,
    conflict: null,
    NOT: { actions: { isEmpty: true } },
  };
  const [rows, total, selectable] = await Promise.all([
    db.importCandidate.findMany({
      where,
      orderBy: { position: "asc" },
      skip: (page - 1) * CANDIDATES_PAGE_SIZE,
      take: CANDIDATES_PAGE_SIZE,
      select: {
        id: true,
        userName: true,
        email: true,
        displayName: true,
        remoteActive: true,
        matchedBy: true,
        actions: true,
        conflict: true,
        diff: true,
        remoteGroups: true,
        appliedAt: true,
        remoteId: true,
      },
    }),
    db.importCandidate.count({ where }),
    db.importCandidate.count({ where: selectableWhere }),
  ]);
  return { rows, total, selectable, page, pages: Math.max(1, Math.ceil(total / CANDIDATES_PAGE_SIZE)) };
}
