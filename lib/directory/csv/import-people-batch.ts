import "server-only";
import { db, type Tx } from "../../db";
import { AppError } from "../../app-error";
import type { UserInput } from "../schemas/user";
import { createUser } from "../users/save-user";
import type { UserWriteContext } from "../users/user-audit";
import { findEmailHolders } from "./find-email-holders";
import { IMPORT_BATCH_SIZE, type ImportProgress, type ImportRowIssue } from "./schemas";

interface LockedImport {
  status: ImportProgress["status"];
  imported_rows: number;
  skipped_rows: number;
  total: number;
}

/** A transaction that loses a race for an e-mail is tried again: the next attempt sees the holder and skips the row. */
const ATTEMPTS = 3;

/**
 * Imports the next batch of an import's rows in one transaction and returns
 * the progress. The import's row is locked (`FOR UPDATE`) for the whole batch,
 * so two tabs running the import take turns and no row is created twice; run
 * it until `done`. A row whose e-mail is in the directory by now is skipped
 * with the reason recorded.
 */
export async function importPeopleBatch(importId: string, context: UserWriteContext, batchSize = IMPORT_BATCH_SIZE): Promise<ImportProgress> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.$transaction((tx) => runBatch(tx, importId, context, batchSize), { maxWait: 30_000, timeout: 120_000 });
    } catch (error) {
      if (error instanceof AppError && error.code === "conflict" && error.fieldErrors?.email && attempt < ATTEMPTS) continue;
      throw error;
    }
  }
}

async function runBatch(tx: Tx, importId: string, context: UserWriteContext, batchSize: number): Promise<ImportProgress> {
  const [locked] = await tx.$queryRaw<LockedImport[]>`
    SELECT status::text AS status, imported_rows, skipped_rows, jsonb_array_length(rows) AS total
    FROM directory_imports
    WHERE id = ${importId}::uuid AND organization_id = ${context.organizationId}::uuid
    FOR UPDATE`;
  if (!locked) throw new AppError("not_found", "This import no longer exists. Upload the file again.");
  if (locked.status === "CANCELLED") throw new AppError("conflict", "This import was discarded. Upload the file again to import it.");

  const offset = locked.imported_rows + locked.skipped_rows;
  const progress = (imported: number, skipped: number, status: ImportProgress["status"]): ImportProgress => ({
    status,
    total: locked.total,
    imported,
    skipped,
    done: status === "COMPLETED",
  });
  if (locked.status === "COMPLETED") return progress(locked.imported_rows, locked.skipped_rows, "COMPLETED");

  const [{ batch } = { batch: [] }] = await tx.$queryRaw<{ batch: { line: number; input: UserInput }[] }[]>`
    SELECT jsonb_path_query_array(rows, '$[$from to $to]', jsonb_build_object('from', ${offset}::int, 'to', ${offset + batchSize - 1}::int)) AS batch
    FROM directory_imports WHERE id = ${importId}::uuid`;

  const holders = await findEmailHolders(
    context.organizationId,
    batch.map((row) => row.input.email),
    tx,
  );
  const skips: ImportRowIssue[] = [];
  let imported = 0;
  for (const row of batch) {
    const holder = holders.get(row.input.email);
    if (holder) {
      skips.push({
        line: row.line,
        kind: "skip",
        field: "email",
        message: `Already in the directory as ${holder} (added after the file was checked); this row is skipped, not updated.`,
        value: row.input.email,
      });
      continue;
    }
    await createUser(row.input, context, tx);
    imported++;
  }

  const importedRows = locked.imported_rows + imported;
  const skippedRows = locked.skipped_rows + skips.length;
  const status = importedRows + skippedRows >= locked.total ? "COMPLETED" : "IMPORTING";
  await tx.directoryImport.update({
    where: { id: importId },
    data: { importedRows, skippedRows, status, completedAt: status === "COMPLETED" ? new Date() : null },
    select: { id: true },
  });
  if (skips.length > 0) {
    await tx.$executeRaw`UPDATE directory_imports SET row_errors = row_errors || ${JSON.stringify(skips)}::jsonb WHERE id = ${importId}::uuid`;
  }
  return progress(importedRows, skippedRows, status);
}
