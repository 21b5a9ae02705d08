/**
 * CSV output that is safe to open in a spreadsheet. Pure.
 *
 * A cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return is
 * read as a formula by Excel, LibreOffice and Google Sheets ("CSV injection"),
 * so it gets a leading `'`, which spreadsheets show as text. Every cell is
 * treated this way, phone numbers such as `+44 20 7946 0958` included; the
 * importer removes the `'` again, so an export can be imported back.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function neutraliseCsvCell(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** RFC 4180 quoting: a cell with a comma, a quote, a line break or edge spaces is quoted, quotes doubled. */
export function quoteCsvCell(value: string): string {
  return /[",\r\n]|^\s|\s$/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** One CSV line (ending in CRLF) of neutralised, quoted cells; null and undefined are empty cells. */
export function formatCsvRow(cells: readonly (string | null | undefined)[]): string {
  return `${cells.map((cell) => quoteCsvCell(neutraliseCsvCell(cell ?? ""))).join(",")}\r\n`;
}
