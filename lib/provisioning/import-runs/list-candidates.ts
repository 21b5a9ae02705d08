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
  const [rows, total] = await Promise.all([
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
  ]);
  return { rows, total, page, pages: Math.max(1, Math.ceil(total / CANDIDATES_PAGE_SIZE)) };
}
