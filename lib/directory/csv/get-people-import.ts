import "server-only";
import { db } from "../../db";
import type { UserInput } from "../schemas/user";
import type { ImportRowIssue } from "./schemas";

/** How many issues and sample rows a page shows; the counts cover all of them. */
export const ISSUES_SHOWN = 100;
export const SAMPLE_ROWS_SHOWN = 8;

interface ImportRow {
  id: string;
  file_name: string;
  status: "PREVIEW" | "IMPORTING" | "COMPLETED" | "CANCELLED";
  total_rows: number;
  imported_rows: number;
  skipped_rows: number;
  created_at: Date;
  completed_at: Date | null;
  to_import: number;
  sample: { line: number; input: UserInput; groups?: string[]; newGroups?: string[] }[];
  warnings: ImportRowIssue[];
  issues: ImportRowIssue[];
  issue_count: number;
  error_rows: number;
  skip_rows: number;
  create_missing_groups: boolean;
  joins: { name: string; rows: number }[];
  new_groups: { name: string; rows: number }[];
  new_group_rows: number;
}

/** How many group names the summary lists; the counts cover all of them. */
export const GROUPS_SHOWN = 50;

/**
 * One import for its page: the counts, the first issues in line order and a
 * sample of the rows to import. The stored rows can hold 20,000 people, so
 * only these slices leave the database.
 */
export async function getPeopleImport(organizationId: string, importId: string) {
  const [row] = await db.$queryRaw<ImportRow[]>`
    SELECT i.id, i.file_name, i.status::text AS status, i.total_rows, i.imported_rows, i.skipped_rows, i.created_at, i.completed_at,
           jsonb_array_length(i.rows) AS to_import,
           jsonb_path_query_array(i.rows, '$[0 to $last]', jsonb_build_object('last', ${SAMPLE_ROWS_SHOWN - 1}::int)) AS sample,
           COALESCE((SELECT jsonb_agg(e) FROM jsonb_array_elements(i.row_errors) e WHERE e->>'kind' = 'warning'), '[]'::jsonb) AS warnings,
           COALESCE((SELECT jsonb_agg(e ORDER BY (e->>'line')::int, n)
                     FROM (SELECT e, n FROM jsonb_array_elements(i.row_errors) WITH ORDINALITY AS t(e, n)
                           WHERE e->>'kind' <> 'warning' ORDER BY (e->>'line')::int, n LIMIT ${ISSUES_SHOWN}) shown), '[]'::jsonb) AS issues,
           (SELECT count(*)::int FROM jsonb_array_elements(i.row_errors) e WHERE e->>'kind' <> 'warning') AS issue_count,
           (SELECT count(DISTINCT e->>'line')::int FROM jsonb_array_elements(i.row_errors) e WHERE e->>'kind' = 'error') AS error_rows,
           (SELECT count(*)::int FROM jsonb_array_elements(i.row_errors) e WHERE e->>'kind' = 'skip') AS skip_rows,
           i.create_missing_groups,
           COALESCE((SELECT jsonb_agg(jsonb_build_object('name', name, 'rows', n) ORDER BY lower(name))
                     FROM (SELECT g AS name, count(*)::int AS n FROM jsonb_array_elements(i.rows) r, jsonb_array_elements_text(COALESCE(r->'groups', '[]')) g
                           WHERE NOT COALESCE(r->'newGroups', '[]') ? g GROUP BY g ORDER BY lower(g) LIMIT ${GROUPS_SHOWN}) joined), '[]'::jsonb) AS joins,
           COALESCE((SELECT jsonb_agg(jsonb_build_object('name', name, 'rows', n) ORDER BY lower(name))
                     FROM (SELECT (array_agg(g ORDER BY (r->>'line')::int))[1] AS name, count(*)::int AS n
                           FROM jsonb_array_elements(i.rows) r, jsonb_array_elements_text(COALESCE(r->'newGroups', '[]')) g
                           GROUP BY lower(g) ORDER BY lower(g) LIMIT ${GROUPS_SHOWN}) unknown), '[]'::jsonb) AS new_groups,
           (SELECT count(*)::int FROM jsonb_array_elements(i.rows) r WHERE jsonb_array_length(COALESCE(r->'newGroups', '[]')) > 0) AS new_group_rows
    FROM directory_imports i
    WHERE i.id = ${importId}::uuid AND i.organization_id = ${organizationId}::uuid`;
  if (!row) return null;
  return {
    id: row.id,
    fileName: row.file_name,
    status: row.status,
    createdAt: row.created_at,
    completedAt: row.completed_at,
    /** People rows in the file. */
    totalRows: row.total_rows,
    /** Rows that passed the checks and were not in the directory at preview time. */
    toImport: row.to_import,
    imported: row.imported_rows,
    /** Rows skipped during the import (their e-mail was taken after the preview). */
    skippedDuringImport: row.skipped_rows,
    /** Rows with at least one error, and rows skipped because the person is already in the directory. */
    errorRows: row.error_rows,
    skipRows: row.skip_rows,
    headerWarnings: row.warnings.map((warning) => warning.message),
    issues: row.issues,
    issueCount: row.issue_count,
    sample: row.sample,
    /** Whether the groups the file names that don't exist yet are (or were) created; fixed when the import starts. */
    createMissingGroups: row.create_missing_groups,
    /** Existing groups rows join, and the names of groups that don't exist yet, each with its number of rows. */
    groupJoins: row.joins,
    newGroups: row.new_groups,
    /** Rows naming at least one group that doesn't exist yet: refused unless those groups are created. */
    newGroupRows: row.new_group_rows,
  };
}

export type PeopleImport = NonNullable<Awaited<ReturnType<typeof getPeopleImport>>>;
