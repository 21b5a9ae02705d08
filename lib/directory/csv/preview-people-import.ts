import "server-only";
import { db } from "../../db";
import { AppError } from "../../app-error";
import type { UserWriteContext } from "../users/user-audit";
import { decodeCsvFile } from "./decode-csv-file";
import { findEmailHolders } from "./find-email-holders";
import { findGroupsByName } from "./find-groups-by-name";
import { parsePeopleCsv } from "./parse-people-csv";
import type { ImportRowIssue } from "./schemas";

/** "C:\\fakepath\\people.csv" → "people.csv", without control characters, at most 200 characters. */
function cleanFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? "";
  return base.replace(/[\u0000-\u001f\u007f]/g, "").slice(0, 200) || "people.csv";
}

/**
 * Reads and checks an uploaded file and keeps the result as an import waiting
 * for the admin's confirmation; writes nothing to the directory. A file Roster
 * cannot read at all is an `invalid_input` error with every reason under `file`.
 */
export async function previewPeopleImport(file: { name: string; bytes: Uint8Array }, context: UserWriteContext): Promise<{ importId: string }> {
  const decoded = decodeCsvFile(file.bytes);
  if (!decoded.ok) throw new AppError("invalid_input", decoded.message, { file: [decoded.message] });
  const parsed = parsePeopleCsv(decoded.text);
  if (parsed.fileErrors.length > 0) {
    throw new AppError("invalid_input", parsed.fileErrors[0]!, { file: parsed.fileErrors });
  }

  const holders = await findEmailHolders(
    context.organizationId,
    parsed.valid.map((row) => row.input.email),
  );
  const skips: ImportRowIssue[] = [];
  const toImport = parsed.valid.filter((row) => {
    const holder = holders.get(row.input.email);
    if (!holder) return true;
    skips.push({
      line: row.line,
      kind: "skip",
      field: "email",
      message: `Already in the directory as ${holder}; this row is skipped, not updated.`,
      value: row.input.email,
    });
    return false;
  });
  // Groups are matched by name whatever the case; the row keeps each known group's own spelling.
  const known = await findGroupsByName(
    context.organizationId,
    toImport.flatMap((row) => row.groups ?? []),
  );
  const groupNotes: ImportRowIssue[] = [];
  const rows = toImport.map((row) => {
    if (row.groups === undefined) return { line: row.line, input: row.input };
    const newGroups = row.groups.filter((name) => !known.has(name));
    if (newGroups.length > 0) {
      groupNotes.push({
        line: row.line,
        kind: "groups",
        field: "groups",
        message: `${newGroups.length === 1 ? "This group does not exist yet" : "These groups do not exist yet"}. Tick “Create groups that don't exist yet” to create ${newGroups.length === 1 ? "it" : "them"}; otherwise this row is not imported.`,
        value: newGroups.join("; "),
      });
    }
    return { line: row.line, input: row.input, groups: row.groups.map((name) => known.get(name)?.name ?? name), newGroups };
  });
  const warnings = parsed.headerWarnings.map((message): ImportRowIssue => ({ line: 1, kind: "warning", field: null, message }));

  const created = await db.directoryImport.create({
    data: {
      organizationId: context.organizationId,
      createdById: context.actor.id,
      fileName: cleanFileName(file.name),
      totalRows: parsed.totalRows,
      rows,
      rowErrors: [...warnings, ...[...parsed.issues, ...skips, ...groupNotes].sort((a, b) => a.line - b.line)],
    },
    select: { id: true },
  });
  return { importId: created.id };
}
