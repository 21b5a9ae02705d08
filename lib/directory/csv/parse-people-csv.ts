/**
 * Reads a CSV file of people (header row first) and checks every row with the
 * same `userInput` schema the user form uses. Pure: whether a person is
 * already in the directory is checked by the caller.
 */
import Papa from "papaparse";
import { userInput, type UserInput } from "../schemas/user";
import { mapCsvColumns, type CsvColumn, type UserField } from "./map-csv-columns";
import { GROUP_NAME_MAX, MAX_IMPORT_ROWS, type ImportRowIssue } from "./schemas";

export interface ValidRow {
  line: number;
  input: UserInput;
  /** The groups the person joins, as the file names them (trimmed, each once whatever its case); only when the file has a Groups column. */
  groups?: string[];
}

/** "Engineering; sales ;; Engineering" → ["Engineering", "sales"]: trimmed, empty names dropped, each name once whatever its case. */
export function parseGroupNames(cell: string): string[] {
  const seen = new Set<string>();
  const names: string[] = [];
  for (const part of cell.split(";")) {
    const name = part.trim();
    if (name === "" || seen.has(name.toLowerCase())) continue;
    seen.add(name.toLowerCase());
    names.push(name);
  }
  return names;
}

export interface ParsedPeopleCsv {
  /** Problems with the whole file; when there are any, nothing can be imported. */
  fileErrors: string[];
  /** Columns that will be ignored. */
  headerWarnings: string[];
  /** People rows in the file (blank lines do not count). */
  totalRows: number;
  valid: ValidRow[];
  issues: ImportRowIssue[];
}

const STATUS_VALUES: Record<string, UserInput["status"]> = {
  active: "ACTIVE",
  deactivated: "INACTIVE",
  inactive: "INACTIVE",
};

/** Our own export puts a `'` before cells that start like a formula; an import takes it off again. */
function restoreNeutralisedCell(value: string): string {
  return /^'[=+\-@\t\r]/.test(value) ? value.slice(1) : value;
}

function emptyResult(fileErrors: string[], headerWarnings: string[] = []): ParsedPeopleCsv {
  return { fileErrors, headerWarnings, totalRows: 0, valid: [], issues: [] };
}

export function parsePeopleCsv(text: string): ParsedPeopleCsv {
  const parsed = Papa.parse<string[]>(text, { header: false, skipEmptyLines: false });
  const [headers = [], ...records] = parsed.data;
  const isBlank = (record: string[]) => record.every((cell) => cell.trim() === "");
  if (isBlank(headers)) {
    return emptyResult(["The first line of the file is empty. Put the header row (Email, First name, Last name, …) on the first line and upload again."]);
  }

  const columns = mapCsvColumns(headers);
  if (columns.errors.length > 0) {
    const looksLikePerson = headers.some((cell) => cell.includes("@"));
    return emptyResult(
      looksLikePerson
        ? ["The first line looks like a person, not a header row. Add a header row (Email, First name, Last name, …) above the people and upload again."]
        : columns.errors,
      columns.warnings,
    );
  }

  const rowCount = records.filter((record) => !isBlank(record)).length;
  if (rowCount === 0) {
    return emptyResult(["This file has a header row but no people. Add one row per person under the header and upload again."], columns.warnings);
  }
  if (rowCount > MAX_IMPORT_ROWS) {
    return emptyResult(
      [
        `This file has ${rowCount.toLocaleString("en-US")} people; Roster imports up to ${MAX_IMPORT_ROWS.toLocaleString("en-US")} at a time. Split it into smaller files and import them one by one.`,
      ],
      columns.warnings,
    );
  }

  // Papaparse counts rows from 0 with the header as row 0; a spreadsheet calls the header line 1.
  const brokenQuoteLines = new Set(parsed.errors.filter((error) => error.code === "MissingQuotes" && error.row !== undefined).map((error) => error.row! + 1));
  const issues: ImportRowIssue[] = [];
  const valid: ValidRow[] = [];
  const firstLineOfEmail = new Map<string, number>();

  records.forEach((record, index) => {
    if (isBlank(record)) return;
    const line = index + 2;
    if (brokenQuoteLines.has(line)) {
      issues.push({
        line,
        kind: "error",
        field: null,
        message: 'A quote (") in this row is never closed, so the rest of the file cannot be read. Close or remove the quote and upload again.',
      });
      return;
    }
    if (record.slice(headers.length).some((cell) => cell.trim() !== "")) {
      issues.push({
        line,
        kind: "error",
        field: null,
        message: "This row has more cells than the header has columns. Put quotes around values that contain a comma.",
      });
      return;
    }

    const raw: Partial<Record<UserField, string>> = {};
    let groupsCell: string | null = null;
    for (const [column, field] of columns.fields.entries() as Iterable<[number, CsvColumn | null]>) {
      if (!field) continue;
      const value = restoreNeutralisedCell(record[column] ?? "");
      if (field === "groups") groupsCell = value;
      else raw[field] = value;
    }

    const rowIssues: ImportRowIssue[] = [];
    const statusText = raw.status?.trim() ?? "";
    const status = statusText === "" ? undefined : STATUS_VALUES[statusText.toLowerCase()];
    if (statusText !== "" && !status) {
      rowIssues.push({ line, kind: "error", field: "status", message: "Status must be Active or Deactivated (or left empty for Active).", value: statusText });
    }
    const groups = groupsCell === null ? undefined : parseGroupNames(groupsCell);
    const tooLong = groups?.find((name) => name.length > GROUP_NAME_MAX);
    if (tooLong !== undefined) {
      rowIssues.push({
        line,
        kind: "error",
        field: "groups",
        message: `A group name is at most ${GROUP_NAME_MAX} characters; this one has ${tooLong.length}. Shorten it and upload again.`,
        value: tooLong,
      });
    }
    const result = userInput.safeParse({ ...raw, status });
    if (!result.success) {
      const reported = new Set<string>();
      for (const issue of result.error.issues) {
        const field = String(issue.path[0] ?? "");
        if (reported.has(field)) continue;
        reported.add(field);
        rowIssues.push({ line, kind: "error", field: field || null, message: issue.message, value: raw[field as UserField] ?? null });
      }
    }
    if (!result.success || rowIssues.length > 0) {
      issues.push(...rowIssues);
      return;
    }

    const firstLine = firstLineOfEmail.get(result.data.email);
    if (firstLine !== undefined) {
      issues.push({
        line,
        kind: "error",
        field: "email",
        message: `Also on line ${firstLine}, which will be imported. Remove this row or give it another e-mail.`,
        value: result.data.email,
      });
      return;
    }
    firstLineOfEmail.set(result.data.email, line);
    valid.push(groups === undefined ? { line, input: result.data } : { line, input: result.data, groups });
  });

  return { fileErrors: [], headerWarnings: columns.warnings, totalRows: rowCount, valid, issues };
}
