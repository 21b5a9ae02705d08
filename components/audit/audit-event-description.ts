/** Plain-words labels for audit actions; unknown actions fall back to their code. */
const ACTION_LABELS: Record<string, string> = {
  "auth.signed_in": "Signed in",
  "auth.signed_out": "Signed out",
  "auth.sign_in_failed": "Failed sign-in",
  "auth.sign_in_refused": "Sign-in refused (no admin access)",
  "organization.updated": "Changed organization settings",
};

export function describeAuditAction(action: string): string {
  return ACTION_LABELS[action] ?? action;
}

export function formatAuditValue(value: unknown): string {
  if (value === null || value === undefined || value === "") return "—";
  if (typeof value === "string") return value;
  return JSON.stringify(value);
}
