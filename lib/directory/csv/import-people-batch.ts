import "server-only";
import { db, type Tx } from "../../db";
import { AppError } from "../../app-error";
import type { UserInput } from "../schemas/user";
import { createUser } from "../users/save-user";
import type { UserWriteContext } from "../users/user-audit";
import { recordAuditEvents } from "../../audit/record-audit-event";
import { findEmailHolders } from "./find-email-holders";
import { findGroupsByName } from "./find-groups-by-name";
import { joinImportedGroups, type GroupJoin } from "./join-imported-groups";
import { IMPORT_BATCH_SIZE, type ImportProgress, type ImportRowIssue } from "./schemas";

interface LockedImport {
  status: ImportProgress["status"];
  imported_rows: number;
  skipped_rows: number;
  total: number;
  create_missing_groups: boolean;
}

/** A row as the preview stored it: the person, and the groups the file names (with those that did not exist then). */
interface StoredRow {
  line: number;
  input: UserInput;
  groups?: string[];
  newGroups?: string[];
}

export interface ImportBatchOptions {
  batchSize?: number;
  /** Create the groups the file names that don't exist yet; only the first batch's choice counts. */
  createMissingGroups?: boolean;
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
export async function importPeopleBatch(
  importId: string,
  context: UserWriteContext,
  { batchSize = IMPORT_BATCH_SIZE, createMissingGroups = false }: ImportBatchOptions = {},
): Promise<ImportProgress> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.$transaction((tx) => runBatch(tx, importId, context, batchSize, createMissingGroups), { maxWait: 30_000, timeout: 120_000 });
    } catch (error) {
      if (error instanceof AppError && error.code === "conflict" && error.fieldErrors?.email && attempt < ATTEMPTS) continue;
      throw error;
    }
  }
}

async function runBatch(tx: Tx, importId: string, context: UserWriteContext, batchSize: number, createMissingGroupsAsked: boolean): Promise<ImportProgress> {
  const [locked] = await tx.$queryRaw<LockedImport[]>`
    SELECT status::text AS status, imported_rows, skipped_rows, jsonb_array_length(rows) AS total, create_missing_groups
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

  const createMissingGroups = locked.status === "PREVIEW" ? createMissingGroupsAsked : locked.create_missing_groups;
  const [{ batch } = { batch: [] }] = await tx.$queryRaw<{ batch: StoredRow[] }[]>`
    SELECT jsonb_path_query_array(rows, '$[$from to $to]', jsonb_build_object('from', ${offset}::int, 'to', ${offset + batchSize - 1}::int)) AS batch
    FROM directory_imports WHERE id = ${importId}::uuid`;

  const holders = await findEmailHolders(
    context.organizationId,
    batch.map((row) => row.input.email),
    tx,
  );
  const groups = await resolveGroups(
    tx,
    context,
    batch.flatMap((row) => row.groups ?? []),
    createMissingGroups,
  );
  const skips: ImportRowIssue[] = [];
  const joins: GroupJoin[] = [];
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
    const unknown = (row.groups ?? []).filter((name) => !groups.has(name));
    if (unknown.length > 0) {
      skips.push({
        line: row.line,
        kind: "error",
        field: "groups",
        message: `No group named ${unknown.map((name) => `“${name}”`).join(", ")}, and “Create groups that don't exist yet” was off: this row was not imported. Create the group or tick the option, and upload the file again; people already imported are skipped.`,
        value: unknown.join("; "),
      });
      continue;
    }
    const person = await createUser(row.input, context, tx);
    for (const name of row.groups ?? []) joins.push({ group: groups.get(name)!, person });
    imported++;
  }
  await joinImportedGroups(tx, context, joins);

  const importedRows = locked.imported_rows + imported;
  const skippedRows = locked.skipped_rows + skips.length;
  const status = importedRows + skippedRows >= locked.total ? "COMPLETED" : "IMPORTING";
  await tx.directoryImport.update({
    where: { id: importId },
    data: { importedRows, skippedRows, status, completedAt: status === "COMPLETED" ? new Date() : null, createMissingGroups },
    select: { id: true },
  });
  if (skips.length > 0) {
    await tx.$executeRaw`UPDATE directory_imports SET row_errors = row_errors || ${JSON.stringify(skips)}::jsonb WHERE id = ${importId}::uuid`;
  }
  return progress(importedRows, skippedRows, status);
}

/**
 * The groups these names stand for (matched whatever the case), creating the missing ones when asked:
 * each created group is audited. A name with no group is absent from the answer.
 */
async function resolveGroups(
  tx: Tx,
  context: UserWriteContext,
  names: readonly string[],
  createMissing: boolean,
): Promise<Map<string, { id: string; name: string }>> {
  const found = await findGroupsByName(context.organizationId, names, tx);
  const missing = [...new Set(names.filter((name) => !found.has(name)))];
  if (missing.length === 0 || !createMissing) return found;
  // Two spellings of one new name ("platform", "Platform") make one group, named as the file first spells it.
  const created = await tx.$queryRaw<{ id: string; name: string }[]>`
    INSERT INTO groups (id, organization_id, name, updated_at)
    SELECT gen_random_uuid(), ${context.organizationId}::uuid, name, now() FROM unnest(${missing}::text[]) WITH ORDINALITY AS t(name, n) ORDER BY n
    ON CONFLICT (organization_id, name_key) DO NOTHING
    RETURNING id::text AS id, name`;
  await recordAuditEvents(
    tx,
    created.map((group) => ({
      organizationId: context.organizationId,
      actor: context.actor,
      action: "group.created",
      target: { type: "group", id: group.id, label: group.name },
      changes: { name: { from: null, to: group.name } },
      ip: context.ip,
    })),
  );
  return findGroupsByName(context.organizationId, names, tx);
}
