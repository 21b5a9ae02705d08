/**
 * Which user field each CSV column holds, by its header: case, spaces and
 * punctuation do not matter, and the names people use in spreadsheets are
 * accepted ("E-mail", "Surname", "Job title"…). Pure.
 */
import { USER_FIELD_LABELS, type UserInput } from "../schemas/user";

export type UserField = keyof UserInput;
/** What a column can hold: a user field, or the groups the person joins (names separated by semicolons). */
export type CsvColumn = UserField | "groups";

const COLUMN_LABELS: Record<CsvColumn, string> = { ...USER_FIELD_LABELS, groups: "Groups" };

const ALIASES: Record<CsvColumn, readonly string[]> = {
  email: ["email", "e-mail", "email address", "e-mail address", "mail", "work email", "work e-mail"],
  firstName: ["first name", "firstname", "given name", "forename"],
  lastName: ["last name", "lastname", "surname", "family name"],
  displayName: ["display name", "full name", "preferred name"],
  employeeId: ["employee id", "employee number", "staff id", "employee no", "staff number"],
  title: ["job title", "title", "position"],
  department: ["department", "dept", "team"],
  mobile: ["mobile", "phone", "mobile phone", "mobile number", "phone number"],
  locale: ["locale", "language", "preferred language"],
  timezone: ["time zone", "timezone"],
  status: ["status", "account status"],
  groups: ["groups", "group", "group names", "member of"],
};

export const REQUIRED_COLUMNS: readonly CsvColumn[] = ["email", "firstName", "lastName"];

/** "E-Mail Address " → "emailaddress": only letters and digits count. */
function normalise(header: string): string {
  return header.toLowerCase().replace(/[^\p{L}\p{N}]/gu, "");
}

const FIELD_BY_HEADER = new Map<string, CsvColumn>(
  (Object.entries(ALIASES) as [CsvColumn, readonly string[]][]).flatMap(([field, names]) => names.map((name) => [normalise(name), field] as const)),
);

export interface ColumnMapping {
  /** For each column in file order, the field it fills, or null when it is ignored. */
  fields: (CsvColumn | null)[];
  /** Problems that stop the import (a required column is missing). */
  errors: string[];
  /** Columns that will be ignored, and why. */
  warnings: string[];
}

export function mapCsvColumns(headers: readonly string[]): ColumnMapping {
  const seen = new Map<CsvColumn, string>();
  const warnings: string[] = [];
  const fields = headers.map((raw) => {
    const header = raw.trim();
    if (header === "") {
      warnings.push("A column has no header; it will be ignored.");
      return null;
    }
    const field = FIELD_BY_HEADER.get(normalise(header));
    if (!field) {
      warnings.push(`Column “${header}” is not a Roster field; it will be ignored.`);
      return null;
    }
    const earlier = seen.get(field);
    if (earlier !== undefined) {
      warnings.push(`Columns “${earlier}” and “${header}” are both ${COLUMN_LABELS[field]}; only “${earlier}” will be used.`);
      return null;
    }
    seen.set(field, header);
    return field;
  });
  const errors = REQUIRED_COLUMNS.filter((field) => !seen.has(field)).map(
    (field) => `The file has no ${COLUMN_LABELS[field]} column. Add one (its header can be “${COLUMN_LABELS[field]}”) and upload again.`,
  );
  return { fields, errors, warnings };
}

/** The columns Roster reads, for the upload page's guide: the usual header, whether it is required, and other names accepted. */
export function describeCsvColumns(): { header: string; required: boolean; alsoAccepted: string[] }[] {
  return (Object.entries(ALIASES) as [CsvColumn, readonly string[]][]).map(([field, names]) => ({
    header: COLUMN_LABELS[field],
    required: REQUIRED_COLUMNS.includes(field),
    alsoAccepted: names.filter((name) => normalise(name) !== normalise(COLUMN_LABELS[field])).slice(0, 3),
  }));
}
