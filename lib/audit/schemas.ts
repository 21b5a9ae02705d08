/**
 * The audit log's filters, as they travel in the URL, shared by the page, the
 * CSV export and the toolbar. Pure zod: safe in the browser. A value that
 * does not parse is dropped rather than failing the page.
 */
import { z } from "zod";
import { cleanedSearchText } from "../http/search-text";
import { AUDIT_CATEGORY_LABELS, type AuditCategory } from "./describe-audit-event";

export const AUDIT_CATEGORIES = Object.keys(AUDIT_CATEGORY_LABELS) as [AuditCategory, ...AuditCategory[]];

/** Time presets, counted back from now. */
export const AUDIT_RANGES = { "24h": "Last 24 hours", "7d": "Last 7 days", "30d": "Last 30 days" } as const;
export type AuditRange = keyof typeof AUDIT_RANGES;
export const AUDIT_RANGE_MS: Record<AuditRange, number> = { "24h": 86_400_000, "7d": 7 * 86_400_000, "30d": 30 * 86_400_000 };

const optional = <T extends z.ZodType>(schema: T) => schema.optional().catch(undefined);

const labelText = optional(cleanedSearchText.transform((value) => value || undefined));

/** When, and the search and paging cursor: the same in both logs. */
const windowAndSearch = {
  /** When: a preset counted back from now, or first and last day (UTC, inclusive). */
  range: optional(z.enum(Object.keys(AUDIT_RANGES) as [AuditRange, ...AuditRange[]])),
  from: optional(z.iso.date()),
  to: optional(z.iso.date()),
  /** Search text: what it matches is each log's own (see its scope). */
  q: labelText,
  after: optional(z.string().max(200)),
};

/** A log's filter entries that are set, in the order of `keys`, for building links and the export URL. */
function filterSearchParams<F extends Partial<Record<string, string>>>(keys: readonly (keyof F & string)[]) {
  return (filter: F): URLSearchParams => {
    const params = new URLSearchParams();
    for (const key of keys) {
      const value = filter[key];
      if (value) params.set(key, value);
    }
    return params;
  };
}

export const auditLogQuery = z.object({
  /** Who: the actor's label as recorded (usually their e-mail). */
  actor: labelText,
  /** What: a category of event. */
  category: optional(z.enum(AUDIT_CATEGORIES)),
  /** `q`: part of the target's label, the actor's label or the event's kind. */
  ...windowAndSearch,
});

export type AuditLogQuery = z.infer<typeof auditLogQuery>;
export type AuditLogFilter = Omit<AuditLogQuery, "after">;

/** The filter's entries that are set, for building links and the export URL. */
export const auditFilterSearchParams = filterSearchParams<AuditLogFilter>(["actor", "category", "range", "from", "to", "q"]);

/** The sign-in log's filters (the page, its CSV export and its toolbar), in the same way as the audit log's. */
export const SIGN_IN_OUTCOME_LABELS = { SUCCEEDED: "Succeeded", FAILED: "Failed" } as const;

export const signInLogQuery = z.object({
  /** Who: the person's e-mail as recorded. */
  who: labelText,
  outcome: optional(z.enum(["SUCCEEDED", "FAILED"])),
  /** Where to: an app's id, or "roster" for Roster itself. */
  app: optional(z.union([z.literal("roster"), z.guid()])),
  /** `q`: part of the person's e-mail, the app's name or the address. */
  ...windowAndSearch,
});

export type SignInLogQuery = z.infer<typeof signInLogQuery>;
export type SignInLogFilter = Omit<SignInLogQuery, "after">;

export const signInFilterSearchParams = filterSearchParams<SignInLogFilter>(["who", "outcome", "app", "range", "from", "to", "q"]);
