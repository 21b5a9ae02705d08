import "server-only";
import { csvDownloadResponse } from "../csv/csv-download-response";
import { formatCsvRow } from "../csv/neutralise-csv-cell";
import { describeAuditEvent } from "./describe-audit-event";
import { eachAuditEvent, withoutAppChanges } from "./list-audit-events";
import type { AuditLogFilter } from "./schemas";

const HEADER = ["Time (UTC)", "Actor", "Event", "Action", "Target type", "Target", "IP"];

/**
 * The events the filter matches, newest first, as CSV text a page at a time:
 * a UTF-8 byte-order mark (so Excel reads accents) and the header first. Every
 * cell is neutralised against formula injection: labels come from people's
 * names, group names and app names that anyone with write access can choose.
 */
export async function* exportAuditCsv(organizationId: string, filter: AuditLogFilter, canViewApps: boolean): AsyncGenerator<string> {
  yield `\uFEFF${formatCsvRow(HEADER)}`;
  for await (const page of eachAuditEvent(organizationId, filter)) {
    yield withoutAppChanges(page, canViewApps)
      .map((event) =>
        formatCsvRow([event.createdAt.toISOString(), event.actorLabel, describeAuditEvent(event), event.action, event.targetType, event.targetLabel, event.ip]),
      )
      .join("");
  }
}

export function auditCsvResponse(organizationId: string, filter: AuditLogFilter, canViewApps: boolean): Response {
  return csvDownloadResponse(exportAuditCsv(organizationId, filter, canViewApps), `roster-audit-log-${new Date().toISOString().slice(0, 10)}.csv`);
}
