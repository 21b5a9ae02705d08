/**
 * Audit events in plain words: one table from action code (`noun.verbed`) to a
 * sentence built from the event's target and changes, e.g. "Imported 3 people
 * from Atlassian". Pure and browser-safe: the log page, the person's history
 * and the CSV export all word events here. The sentence leaves out who did it
 * (the log shows the actor beside it) and marks where the target goes, so the
 * page can make the target a link.
 */

export interface DescribableAuditEvent {
  action: string;
  targetLabel: string | null;
  /** `{ field: { from, to } }`, or null when the viewer may not see them. */
  changes: unknown;
}

/** A sentence as text pieces and the one place the target's label goes. */
export type AuditSentencePart = string | { target: string };

type Changes = Record<string, { from?: unknown; to?: unknown } | undefined>;
type Wording = (target: TargetMark, changes: Changes) => AuditSentencePart[];

/** Marks the target inside a sentence template. */
interface TargetMark {
  readonly label: string;
}

function say(strings: TemplateStringsArray, ...values: (string | number | TargetMark)[]): AuditSentencePart[] {
  const parts: AuditSentencePart[] = [];
  strings.forEach((text, index) => {
    if (text) parts.push(text);
    if (index >= values.length) return;
    const value = values[index];
    parts.push(typeof value === "object" ? { target: value.label } : String(value));
  });
  return parts;
}

function text(value: unknown): string | null {
  if (value === null || value === undefined || value === "") return null;
  return typeof value === "string" ? value : typeof value === "number" ? String(value) : JSON.stringify(value);
}

const to = (changes: Changes, key: string) => text(changes[key]?.to);
const from = (changes: Changes, key: string) => text(changes[key]?.from);

/** "1 person", "12 people", from a count or text such as "12 added". */
function people(value: string | null): string {
  const count = Number.parseInt(value ?? "", 10);
  if (Number.isNaN(count)) return "people";
  return `${count.toLocaleString("en-US")} ${count === 1 ? "person" : "people"}`;
}

/** "a, b and c". */
function list(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? "";
  return `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`;
}

/** Fields as a sentence names them: the directory's profile fields (a test keeps this in step with them) and the app's settings. */
export const AUDIT_FIELD_WORDS: Record<string, string> = {
  email: "e-mail",
  firstName: "first name",
  lastName: "last name",
  displayName: "display name",
  employeeId: "employee ID",
  title: "job title",
  department: "department",
  mobile: "mobile",
  locale: "locale",
  timezone: "time zone",
  status: "status",
  name: "name",
  plan: "plan",
  baseUrl: "Sync endpoint",
  token: "token",
  tokenExpiresAt: "token’s expiry date",
};

/** Field names in a sentence: "job title and department". */
function fields(changes: Changes, skip: readonly string[] = []): string {
  return list(
    Object.keys(changes)
      .filter((key) => !skip.includes(key))
      .map((key) => AUDIT_FIELD_WORDS[key] ?? key),
  );
}

/**
 * A person's label as recorded ("Dana Lee <dana@example.com>") shortened to
 * the name for the sentence; the e-mail stays searchable and in the export.
 */
export function shortTargetLabel(label: string): string {
  const name = label.replace(/\s*<[^<>]*>$/, "").trim();
  return name || label;
}

export type AuditCategory = "people" | "groups" | "apps" | "import" | "security" | "settings";

export const AUDIT_CATEGORY_LABELS: Record<AuditCategory, string> = {
  people: "People",
  groups: "Groups",
  apps: "Apps & provisioning",
  import: "Import",
  security: "Admins & security",
  settings: "Settings",
};

interface ActionWording {
  category: AuditCategory;
  /** A few words for the kind of event, also matched by the log's search ("Imported people"). */
  title: string;
  sentence: Wording;
}

/** Every action Roster records. A test scans lib/ and fails on an action recorded there without a line here. */
export const AUDIT_WORDINGS: Record<string, ActionWording> = {
  // Sign-in and admins
  "auth.signed_in": { category: "security", title: "Signed in", sentence: () => say`Signed in to Roster` },
  "auth.signed_out": { category: "security", title: "Signed out", sentence: () => say`Signed out of Roster` },
  "auth.sign_in_failed": { category: "security", title: "Sign-in failed", sentence: (t) => say`Failed to sign in as ${t} (wrong password)` },
  "auth.sign_in_refused": { category: "security", title: "Sign-in refused", sentence: (t) => say`Refused sign-in for ${t}, who has no admin access` },
  "admin.granted": { category: "security", title: "Admin access given", sentence: (t) => say`Gave ${t} admin access` },
  "admin.permissions_changed": { category: "security", title: "Admin permissions changed", sentence: (t) => say`Changed the admin permissions of ${t}` },
  "admin.revoked": { category: "security", title: "Admin access removed", sentence: (t) => say`Removed the admin access of ${t}` },
  "owner.added": { category: "security", title: "Owner added", sentence: (t) => say`Made ${t} an Owner` },
  "admin.invite_link_created": {
    category: "security",
    title: "Password link created",
    sentence: (t) => say`Created a link for ${t} to set a password`,
  },
  "admin.reset_link_created": {
    category: "security",
    title: "Password reset link created",
    sentence: (t) => say`Created a link for ${t} to reset their password`,
  },
  "owner.stepped_down": { category: "security", title: "Owner stepped down", sentence: (t) => say`Made ${t} an Admin instead of an Owner` },
  "admin.password_set_by_link": { category: "security", title: "Password set", sentence: (t) => say`Set a password for ${t} through a one-time link` },
  "admin.password_changed": { category: "security", title: "Password changed", sentence: (t) => say`Changed the password of ${t}` },
  "sso.signing_key_created": {
    category: "security",
    title: "Next signing certificate created",
    sentence: () => say`Created the next single sign-on signing certificate, published beside the active one`,
  },
  "sso.signing_key_activated": {
    category: "security",
    title: "Signing certificate activated",
    sentence: () => say`Made the next single sign-on signing certificate active; the old one is retired`,
  },
  "auth.two_step_enrolled": { category: "security", title: "Two-step sign-in set up", sentence: () => say`Set up two-step sign-in with an authenticator app` },
  "auth.two_step_turned_off": { category: "security", title: "Two-step sign-in turned off", sentence: () => say`Turned off two-step sign-in` },
  "auth.two_step_replaced": {
    category: "security",
    title: "Authenticator replaced",
    sentence: () => say`Replaced the authenticator app for two-step sign-in; the old one no longer works`,
  },
  "auth.recovery_codes_renewed": {
    category: "security",
    title: "New recovery codes",
    sentence: () => say`Made new recovery codes for two-step sign-in; the earlier ones no longer work`,
  },
  "person.two_step_reset": {
    category: "security",
    title: "Two-step sign-in reset",
    sentence: (t, c) =>
      to(c, "endedSessions") ? say`Reset the two-step sign-in of ${t} and signed them out of Roster` : say`Reset the two-step sign-in of ${t}`,
  },
  "organization.two_step_requirement_changed": {
    category: "security",
    title: "Two-step sign-in requirement changed",
    sentence: () => say`Changed who must use two-step sign-in`,
  },

  // Settings
  "organization.updated": {
    category: "settings",
    title: "Organization settings changed",
    sentence: (_t, c) =>
      c.plan && Object.keys(c).length === 1
        ? say`Changed the plan to ${to(c, "plan") ?? "another plan"}`
        : say`Changed the organization’s ${fields(c) || "settings"}`,
  },
  "domain.added": { category: "settings", title: "Domain added", sentence: (t) => say`Added the domain ${t}` },
  "domain.verified": { category: "settings", title: "Domain verified", sentence: (t) => say`Verified the domain ${t}` },
  "domain.removed": { category: "settings", title: "Domain removed", sentence: (t) => say`Removed the domain ${t}` },

  // People
  "user.created": { category: "people", title: "Person added", sentence: (t) => say`Added ${t} to the directory` },
  "user.updated": {
    category: "people",
    title: "Person edited",
    sentence: (t, c) => (Object.keys(c).length > 0 ? say`Changed the ${fields(c)} of ${t}` : say`Edited ${t}`),
  },
  "user.activated": { category: "people", title: "Person activated", sentence: (t) => say`Activated ${t}` },
  "user.deactivated": { category: "people", title: "Person deactivated", sentence: (t) => say`Deactivated ${t}` },
  "user.deleted": { category: "people", title: "Person deleted", sentence: (t) => say`Deleted ${t} from the directory` },

  // Groups
  "group.created": { category: "groups", title: "Group created", sentence: (t) => say`Created the group ${t}` },
  "group.renamed": {
    category: "groups",
    title: "Group renamed",
    sentence: (t, c) => (from(c, "name") ? say`Renamed the group ${from(c, "name")!} to ${t}` : say`Renamed a group to ${t}`),
  },
  "group.described": { category: "groups", title: "Group description changed", sentence: (t) => say`Changed the description of the group ${t}` },
  "group.deleted": {
    category: "groups",
    title: "Group deleted",
    sentence: (t, c) => (from(c, "members") ? say`Deleted the group ${t}, which had ${people(from(c, "members"))}` : say`Deleted the group ${t}`),
  },
  "group.members_added": { category: "groups", title: "People added to a group", sentence: (t, c) => say`Added ${people(to(c, "members"))} to ${t}` },
  "group.members_removed": {
    category: "groups",
    title: "People removed from a group",
    sentence: (t, c) => say`Removed ${people(from(c, "members"))} from ${t}`,
  },
  "group.member_added": {
    category: "groups",
    title: "Person added to a group",
    sentence: (t, c) => say`Added ${shortTargetLabel(to(c, "member") ?? "a person")} to ${t}`,
  },
  "user.added_to_group": {
    category: "groups",
    title: "Person added to a group",
    sentence: (t, c) => say`Added ${t} to ${to(c, "group") ?? "a group"}`,
  },
  "user.removed_from_group": {
    category: "groups",
    title: "Person removed from a group",
    sentence: (t, c) => say`Removed ${t} from ${from(c, "group") ?? "a group"}`,
  },

  // Apps and provisioning
  "app.added": { category: "apps", title: "App added", sentence: (t) => say`Added the app ${t}` },
  "app.created": { category: "apps", title: "App added", sentence: (t) => say`Added the app ${t}` },
  "app.renamed": {
    category: "apps",
    title: "App renamed",
    sentence: (t, c) => (from(c, "name") ? say`Renamed the app ${from(c, "name")!} to ${t}` : say`Renamed an app to ${t}`),
  },
  "app.deleted": { category: "apps", title: "App deleted", sentence: (t) => say`Deleted the app ${t}` },
  "app.deletion_started": {
    category: "apps",
    title: "App deletion started",
    sentence: (t) => say`Started deleting the app ${t}: its accounts are deactivated first`,
  },
  "app.deletion_stopped": {
    category: "apps",
    title: "App deletion stopped",
    sentence: (t) => say`Stopped deleting the app ${t}: some accounts could not be deactivated`,
  },
  "app.deletion_cancelled": {
    category: "apps",
    title: "App deletion cancelled",
    sentence: (t) => say`Cancelled deleting the app ${t} by resuming its provisioning`,
  },
  "app.paused": { category: "apps", title: "Provisioning paused", sentence: (t) => say`Paused provisioning to ${t}` },
  "app.resumed": { category: "apps", title: "Provisioning resumed", sentence: (t) => say`Resumed provisioning to ${t}` },
  "app.provisioning_configured": {
    category: "apps",
    title: "Provisioning settings changed",
    sentence: (t, c) => {
      const changed = fields(c, ["state"]) || "provisioning settings";
      return c.state ? say`Changed the ${changed} of ${t}, which paused provisioning until it is authorized again` : say`Changed the ${changed} of ${t}`;
    },
  },
  "app.authorized": { category: "apps", title: "App authorized", sentence: (t) => say`Authorized ${t}` },
  "app.authorization_failed": {
    category: "apps",
    title: "Authorization failed",
    sentence: (t, c) => (to(c, "result") ? say`Could not authorize ${t}: ${to(c, "result")!}` : say`Could not authorize ${t}`),
  },
  "app.mapping_changed": {
    category: "apps",
    title: "Field mapping changed",
    sentence: (t, c) => {
      const count = Object.keys(c).length;
      return count > 0 ? say`Changed ${count} ${count === 1 ? "field" : "fields"} in the field mapping of ${t}` : say`Changed the field mapping of ${t}`;
    },
  },
  "app.saml_configured": {
    category: "apps",
    title: "Single sign-on settings changed",
    sentence: (t, c) =>
      c.enabled && Object.keys(c).length === 1
        ? say`Turned single sign-on ${to(c, "enabled") ?? "on or off"} for ${t}`
        : say`Changed the single sign-on settings of ${t}`,
  },
  "app.sync_actions_changed": {
    category: "apps",
    title: "Sync actions changed",
    sentence: (t, c) => {
      const on = Object.keys(c).filter((key) => c[key]?.to === "on");
      const off = Object.keys(c).filter((key) => c[key]?.to === "off");
      const turned = [on.length ? `turned on ${list(on)}` : "", off.length ? `turned off ${list(off)}` : ""].filter(Boolean).join(" and ");
      return turned ? say`${turned.charAt(0).toUpperCase() + turned.slice(1)} for ${t}` : say`Saved the sync actions of ${t}`;
    },
  },
  "app.sync_started": {
    category: "apps",
    title: "Sync started",
    sentence: (t, c) => (to(c, "people") ? say`Started syncing ${people(to(c, "people"))} to ${t}` : say`Started a sync to ${t}`),
  },
  "app.sync_held_for_approval": {
    category: "apps",
    title: "Sync held for approval",
    sentence: (t, c) =>
      to(c, "removals") ? say`Held a sync to ${t} for approval: it would remove ${people(to(c, "removals"))}` : say`Held a sync to ${t} for approval`,
  },
  "app.group_assigned": {
    category: "apps",
    title: "App assigned to a group",
    sentence: (t, c) => (to(c, "group") ? say`Assigned ${t} to the group ${to(c, "group")!}` : say`Assigned ${t} to a group`),
  },
  "app.group_unassigned": {
    category: "apps",
    title: "App unassigned from a group",
    sentence: (t, c) => (from(c, "group") ? say`Unassigned ${t} from the group ${from(c, "group")!}` : say`Unassigned ${t} from a group`),
  },
  "app.group_push_changed": {
    category: "apps",
    title: "Group push changed",
    sentence: (t, c) => {
      const [key] = Object.keys(c);
      const group = key?.match(/^Push “(.*)”$/)?.[1];
      if (!key || !group) return say`Changed which groups are pushed to ${t}`;
      return c[key]?.to === "on" ? say`Started pushing the group ${group} to ${t}` : say`Stopped pushing the group ${group} to ${t}`;
    },
  },
  "user.assigned": {
    category: "apps",
    title: "App assigned",
    sentence: (t, c) =>
      to(c, "app") === "imported" || !to(c, "app") ? say`Assigned an app to ${t} by importing from it` : say`Assigned ${to(c, "app")!} to ${t}`,
  },
  "user.unassigned": {
    category: "apps",
    title: "App unassigned",
    sentence: (t, c) =>
      from(c, "app") === "assigned" || !from(c, "app") ? say`Unassigned an app from ${t} by importing from it` : say`Unassigned ${from(c, "app")!} from ${t}`,
  },
  "user.provisioned_now": {
    category: "apps",
    title: "Provisioned now",
    sentence: (t, c) => (to(c, "app") ? say`Provisioned ${t} to ${to(c, "app")!} right away` : say`Provisioned ${t} right away`),
  },
  "user.account_linked": {
    category: "apps",
    title: "Account linked",
    sentence: (t, c) =>
      to(c, "account") && to(c, "app")
        ? say`Linked ${t} to the account ${to(c, "account")!} in ${to(c, "app")!}`
        : say`Linked ${t} to an existing account in an app`,
  },

  // Import from an app
  "app.import_started": { category: "import", title: "Import started", sentence: (t) => say`Started an import of the users in ${t}` },
  "app.import_confirmed": {
    category: "import",
    title: "Imported people",
    sentence: (t, c) => {
      const joined = to(c, "groups") ? " and added them to their groups" : "";
      return to(c, "people") ? say`Imported ${people(to(c, "people"))} from ${t}${joined}` : say`Imported people from ${t}${joined}`;
    },
  },
};

/** "Group renamed" from `group.renamed`: the readable form of an action no wording knows. */
export function readableAction(action: string): string {
  const words = action.replace(/[._]+/g, " ").trim();
  return words ? words.charAt(0).toUpperCase() + words.slice(1) : "Unknown event";
}

export function auditActionTitle(action: string): string {
  return AUDIT_WORDINGS[action]?.title ?? readableAction(action);
}

/** The event as sentence parts; the target (if any) is one part, for a link. */
export function describeAuditEventParts(event: DescribableAuditEvent): AuditSentencePart[] {
  const changes = event.changes && typeof event.changes === "object" && !Array.isArray(event.changes) ? (event.changes as Changes) : {};
  const label = event.targetLabel ? shortTargetLabel(event.targetLabel) : null;
  const wording = AUDIT_WORDINGS[event.action];
  if (!wording) return label ? [readableAction(event.action), ": ", { target: label }] : [readableAction(event.action)];
  return wording.sentence({ label: label ?? "(unnamed)" }, changes);
}

/** The event as one plain sentence, e.g. "Imported 3 people from Atlassian". */
export function describeAuditEvent(event: DescribableAuditEvent): string {
  return describeAuditEventParts(event)
    .map((part) => (typeof part === "string" ? part : part.target))
    .join("")
    .trim();
}
