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

export const auditLogQuery = z.object({
  /** Who: the actor's label as recorded (usually their e-mail). */
  actor: optional(cleanedSearchText.transform((value) => value || undefined)),
  /** What: a category of event. */
  category: optional(z.enum(AUDIT_CATEGORIES)),
  /** When: a preset counted back from now, or first and last day (UTC, inclusive). */
  range: optional(z.enum(Object.keys(AUDIT_RANGES) as [AuditRange, ...AuditRange[]])),
  from: optional(z.iso.date()),
  to: optional(z.iso.date()),
  /** Part of the target's label, the actor's label or the event's kind. */
  q: optional(cleanedSearchText.transform((value) => value || undefined)),
  after: optional(z.string().max(200)),
});

export type AuditLogQuery = z.infer<typeof auditLogQuery>;
export type AuditLogFilter = Omit<AuditLogQuery, "after">;

const FILTER_KEYS = ["actor", "category", "range", "from", "to", "q"] as const;

/** The filter's entries that are set, for building links and the export URL. */
export function auditFilterSearchParams(filter: AuditLogFilter): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of FILTER_KEYS) {
    const value = filter[key];
    if (value) params.set(key, value);
  }
  return params;
}

/** The sign-in log's filters (the page, its CSV export and its toolbar), in the same way as the audit log's. */
export const SIGN_IN_OUTCOME_LABELS = { SUCCEEDED: "Succeeded", FAILED: "Failed" } as const;

export const signInLogQuery = z.object({
  /** Who: the person's e-mail as recorded. */
  who: optional(cleanedSearchText.transform((value) => value || undefined)),
  outcome: optional(z.enum(["SUCCEEDED", "FAILED"])),
  /** Where to: an app's id, or "roster" for Roster itself. */
  app: optional(z.union([z.literal("roster"), z.guid()])),
  range: optional(z.enum(Object.keys(AUDIT_RANGES) as [AuditRange, ...AuditRange[]])),
  from: optional(z.iso.date()),
  to: optional(z.iso.date()),
  /** Part of the person's e-mail, the app's name or the address. */
  q: optional(cleanedSearchText.transform((value) => value || undefined)),
  after: optional(z.string().max(200)),
});

export type SignInLogQuery = z.infer<typeof signInLogQuery>;
export type SignInLogFilter = Omit<SignInLogQuery, "after">;

const SIGN_IN_FILTER_KEYS = ["who", "outcome", "app", "range", "from", "to", "q"] as const;

export function signInFilterSearchParams(filter: SignInLogFilter): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of SIGN_IN_FILTER_KEYS) {
    const value = filter[key];
    if (value) params.set(key, value);
  }
  return params;
}
