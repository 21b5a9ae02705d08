import { auditActionTitle, describeAuditEvent, describeAuditEventParts } from "@/lib/audit/describe-audit-event";
import { USER_FIELD_LABELS } from "@/lib/directory/schemas/user";

export { describeAuditEvent, describeAuditEventParts };

/** A few plain words for the kind of event ("Group renamed"); the full sentence comes from `describeAuditEvent`. */
export function describeAuditAction(action: string): string {
  return auditActionTitle(action);
}

export function formatAuditValue(value: unknown): string {
  if (value === null || value === undefined || value === "") return "—";
  if (typeof value === "string") return value;
  return JSON.stringify(value);
}

const FIELD_LABELS: Record<string, string> = {
  ...USER_FIELD_LABELS,
  name: "Name",
  plan: "Plan",
  group: "Group",
  description: "Description",
  members: "Members",
};

/** A field's name as admins know it, e.g. `firstName` → "First name". */
export function describeAuditField(field: string): string {
  return FIELD_LABELS[field] ?? field;
}
