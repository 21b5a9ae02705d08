import { formatCsvRow } from "./neutralise-csv-cell";

export interface SignInLinkRow {
  name: string;
  email: string;
  url: string;
  expiresAt: Date;
}

/** The CSV of first sign-in links an admin downloads once: name, e-mail, link, expiry (UTC, ISO 8601). Pure. */
export function signInLinksCsv(rows: readonly SignInLinkRow[]): string {
  return [["Name", "E-mail", "Link", "Expires (UTC)"], ...rows.map((row) => [row.name, row.email, row.url, row.expiresAt.toISOString()])]
    .map(formatCsvRow)
    .join("");
}
