/**
 * The provisioning log's filters, as they travel in the URL, shared by the
 * pages, the CSV export and the toolbar. Pure zod: safe in the browser.
 * A value that does not parse is dropped rather than failing the page.
 */
import { z } from "zod";
import { cleanedSearchText } from "../../http/search-text";

export const OPERATION_KINDS = ["CREATE", "LINK", "UPDATE", "ACTIVATE", "DEACTIVATE", "DELETE"] as const;
export const OPERATION_STATUSES = ["SUCCEEDED", "FAILED", "SKIPPED"] as const;
export type OperationKindName = (typeof OPERATION_KINDS)[number];
export type OperationStatusName = (typeof OPERATION_STATUSES)[number];

const optional = <T extends z.ZodType>(schema: T) => schema.optional().catch(undefined);

export const operationLogQuery = z.object({
  status: optional(z.enum(OPERATION_STATUSES)),
  kind: optional(z.enum(OPERATION_KINDS)),
  app: optional(z.uuid()),
  /** Part of the person's name or e-mail, as the log recorded it. */
  q: optional(cleanedSearchText.transform((value) => value || undefined)),
  /** First and last day (UTC, inclusive) of a time range. */
  from: optional(z.iso.date()),
  to: optional(z.iso.date()),
  after: optional(z.string().max(200)),
});

export type OperationLogQuery = z.infer<typeof operationLogQuery>;
export type OperationLogFilter = Omit<OperationLogQuery, "after">;

/** The filter's entries that are set, for building links and the export URL. */
export function filterSearchParams(filter: OperationLogFilter): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of ["status", "kind", "app", "q", "from", "to"] as const) {
    const value = filter[key];
    if (value) params.set(key, value);
  }
  return params;
}
