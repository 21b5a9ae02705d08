import { USER_FIELD_LABELS } from "@/lib/directory/schemas/user";

/** Plain-words labels for audit actions; unknown actions fall back to their code. */
const ACTION_LABELS: Record<string, string> = {
  "auth.signed_in": "Signed in",
  "auth.signed_out": "Signed out",
  "auth.sign_in_failed": "Failed sign-in",
  "auth.sign_in_refused": "Sign-in refused (no admin access)",
  "organization.updated": "Changed organization settings",
  "user.created": "Added a person",
  "user.updated": "Edited a person",
  "user.activated": "Activated a person",
  "user.deactivated": "Deactivated a person",
  "user.deleted": "Deleted a person",
  "user.assigned": "Assigned an app",
  "user.unassigned": "Unassigned an app",
  "user.added_to_group": "Added to a group",
  "user.removed_from_group": "Removed from a group",
  "group.created": "Created a group",
  "group.renamed": "Renamed a group",
  "group.described": "Changed a group's description",
  "group.deleted": "Deleted a group",
  "group.members_added": "Added people to a group",
  "group.members_removed": "Removed people from a group",
  "app.added": "Added an application",
  "app.provisioning_configured": "Changed the Sync endpoint or token",
  "app.authorized": "Authorized an application",
  "app.authorization_failed": "Authorization failed",
  "app.mapping_changed": "Changed the field mapping",
  "app.sync_actions_changed": "Changed the sync actions",
  "app.sync_started": "Started a sync",
  "app.sync_held_for_approval": "Sync held for approval",
  "app.resumed": "Resumed provisioning",
  "user.provisioned_now": "Provisioned now",
  "user.account_linked": "Linked an account in an app",
  "domain.added": "Added a domain",
  "domain.verified": "Verified a domain",
  "domain.removed": "Removed a domain",
};

export function describeAuditAction(action: string): string {
  return ACTION_LABELS[action] ?? action;
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
