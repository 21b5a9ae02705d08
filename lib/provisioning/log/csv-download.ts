import "server-only";
import { csvDownloadResponse } from "../../csv/csv-download-response";
import { exportOperationsCsv } from "./export-operations-csv";
import type { OperationLogFilter } from "./schemas";

/** The provisioning log's rows for `filter` as a streamed CSV download. */
export function operationsCsvResponse(organizationId: string, filter: OperationLogFilter): Response {
  return csvDownloadResponse(exportOperationsCsv(organizationId, filter), `roster-provisioning-log-${new Date().toISOString().slice(0, 10)}.csv`);
}
