import "server-only";
import { formatCsvRow } from "../../csv/neutralise-csv-cell";
import { changesAsText } from "./change-entries";
import { eachOperation } from "./list-operations";
import type { OperationLogFilter } from "./schemas";

const HEADER = ["Time (UTC)", "App", "Person", "Person ID", "Operation", "Status", "HTTP status", "Message", "Changes", "Attempt", "Duration (ms)"];

/**
 * The log rows the filter matches, newest first, as CSV text a page at a
 * time: a UTF-8 byte-order mark (so Excel reads accents) and the header first.
 * Every cell is neutralised against formula injection: user labels, messages
 * and attribute values come from the directory and from the apps.
 */
export async function* exportOperationsCsv(organizationId: string, filter: OperationLogFilter): AsyncGenerator<string> {
  yield `\uFEFF${formatCsvRow(HEADER)}`;
  for await (const page of eachOperation(organizationId, filter)) {
    yield page
      .map((operation) =>
        formatCsvRow([
          operation.createdAt.toISOString(),
          operation.appName,
          operation.userLabel,
          operation.userId,
          operation.kindLabel,
          operation.statusLabel,
          operation.httpStatus?.toString(),
          operation.message,
          changesAsText(operation.changes),
          String(operation.attempt),
          operation.durationMs?.toString(),
        ]),
      )
      .join("");
  }
}
