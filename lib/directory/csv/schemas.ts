/**
 * What the CSV import's pages, actions and components share. Pure zod and
 * types: safe to import in the browser.
 */
import { z } from "zod";

/** The largest file an admin may upload, and the most people in one file. */
export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;
export const MAX_IMPORT_ROWS = 20_000;
/** Valid rows created per database transaction. */
export const IMPORT_BATCH_SIZE = 250;

export const importFileInput = z.object({
  file: z
    .file({ error: "Choose a CSV file to upload." })
    .min(1, { error: "This file is empty. Choose a CSV file with a header row and one row per person." })
    .max(MAX_IMPORT_BYTES, { error: "This file is larger than 5 MB. Split it into smaller files and import them one by one." }),
});

export const importBatchInput = z.object({ importId: z.uuid({ error: "That is not an import's id." }) });

/** The first batch fixes whether groups the file names that don't exist yet are created; later batches keep that choice. */
export const runImportBatchInput = importBatchInput.extend({ createMissingGroups: z.boolean().default(false) });

/** The longest group name a file may give. */
export const GROUP_NAME_MAX = 100;

/**
 * Something the admin should know about a line of the file: an `error` (the
 * row is not imported; fix the file and upload again), a `skip` (the person is
 * already in the directory), a `warning` about the header (a column that is
 * ignored), or `groups`: the row names groups that don't exist yet, and is
 * imported only if the admin chooses to create them. `line` is the row's number
 * as a spreadsheet shows it: the header is line 1.
 */
export type ImportRowIssue = {
  line: number;
  kind: "error" | "skip" | "warning" | "groups";
  /** A user field (`email`, `firstName`, …), or null when the issue is the whole row's. */
  field: string | null;
  message: string;
  /** The cell's value as it was in the file, when there is one to show. */
  value?: string | null;
};

export interface ImportProgress {
  status: "PREVIEW" | "IMPORTING" | "COMPLETED" | "CANCELLED";
  /** Valid rows to import, and how many of them are done (created or skipped). */
  total: number;
  imported: number;
  skipped: number;
  done: boolean;
}
