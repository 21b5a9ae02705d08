import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { USER_FIELD_LABELS } from "../directory/schemas/user";
import { AUDIT_FIELD_WORDS, AUDIT_WORDINGS, describeAuditEvent, describeAuditEventParts, readableAction } from "./describe-audit-event";

const c = (entries: Record<string, [unknown, unknown]>) => Object.fromEntries(Object.entries(entries).map(([key, [from, to]]) => [key, { from, to }]));
const DANA = "Dana Lee <dana@example.com>";

/** [action, target label, changes, sentence]: at least one case for every action with a wording. */
const CASES: [string, string | null, unknown, string][] = [
  ["auth.signed_in", "dana@example.com", null, "Signed in to Roster"],
  ["auth.signed_out", "dana@example.com", null, "Signed out of Roster"],
  ["auth.sign_in_failed", "dana@example.com", null, "Failed to sign in as dana@example.com (wrong password)"],
  ["auth.sign_in_refused", "sam@example.com", null, "Refused sign-in for sam@example.com, who has no admin access"],
  ["admin.granted", DANA, null, "Gave Dana Lee admin access"],
  ["admin.permissions_changed", DANA, null, "Changed the admin permissions of Dana Lee"],
  ["admin.revoked", DANA, null, "Removed the admin access of Dana Lee"],
  ["owner.added", DANA, null, "Made Dana Lee an Owner"],
  ["admin.invite_link_created", DANA, null, "Created a link for Dana Lee to set a password"],
  ["admin.reset_link_created", DANA, null, "Created a link for Dana Lee to reset their password"],
  ["owner.stepped_down", DANA, null, "Made Dana Lee an Admin instead of an Owner"],
  ["admin.password_set_by_link", DANA, null, "Set a password for Dana Lee through a one-time link"],
  ["admin.password_changed", DANA, null, "Changed the password of Dana Lee"],
  ["sso.signing_key_created", "Halden", null, "Created the next single sign-on signing certificate, published beside the active one"],
  ["sso.signing_key_activated", "Halden", null, "Made the next single sign-on signing certificate active; the old one is retired"],
  ["auth.two_step_enrolled", DANA, null, "Set up two-step sign-in with an authenticator app"],
  ["auth.two_step_turned_off", "dana@example.com", null, "Turned off two-step sign-in"],
  ["auth.two_step_replaced", "dana@example.com", null, "Replaced the authenticator app for two-step sign-in; the old one no longer works"],
  ["auth.recovery_codes_renewed", "dana@example.com", null, "Made new recovery codes for two-step sign-in; the earlier ones no longer work"],
  ["person.two_step_reset", DANA, c({ twoStep: ["on", "off"], recoveryCodes: [9, 0] }), "Reset the two-step sign-in of Dana Lee"],
  [
    "person.two_step_reset",
    DANA,
    c({ twoStep: ["on", "off"], recoveryCodes: [9, 0], endedSessions: [null, 2] }),
    "Reset the two-step sign-in of Dana Lee and signed them out of Roster",
  ],
  ["organization.two_step_requirement_changed", "Halden", c({ twoStepRequired: ["NOBODY", "ADMINS"] }), "Changed who must use two-step sign-in"],
  ["organization.updated", "Halden", c({ name: ["Old", "Halden"] }), "Changed the organization’s name"],
  ["organization.updated", "Halden", c({ name: ["Old", "Halden"], plan: ["FREE", "STANDARD"] }), "Changed the organization’s name and plan"],
  ["organization.updated", "Halden", c({ plan: ["FREE", "STANDARD"] }), "Changed the plan to STANDARD"],
  ["domain.added", "halden.example", c({ name: [null, "halden.example"] }), "Added the domain halden.example"],
  ["domain.verified", "halden.example", null, "Verified the domain halden.example"],
  ["domain.removed", "halden.example", c({ name: ["halden.example", null] }), "Removed the domain halden.example"],
  ["user.created", DANA, c({ firstName: [null, "Dana"] }), "Added Dana Lee to the directory"],
  ["user.updated", DANA, c({ title: ["A", "B"], department: ["X", "Y"] }), "Changed the job title and department of Dana Lee"],
  [
    "user.updated",
    DANA,
    c({ email: ["a@x", "b@x"], title: ["A", "B"], status: ["ACTIVE", "INACTIVE"] }),
    "Changed the e-mail, job title and status of Dana Lee",
  ],
  ["user.updated", DANA, null, "Edited Dana Lee"],
  ["user.activated", DANA, c({ status: ["INACTIVE", "ACTIVE"] }), "Activated Dana Lee"],
  ["user.deactivated", DANA, c({ status: ["ACTIVE", "INACTIVE"] }), "Deactivated Dana Lee"],
  ["user.deleted", DANA, c({ email: ["dana@example.com", null] }), "Deleted Dana Lee from the directory"],
  ["group.created", "Platform", c({ name: [null, "Platform"] }), "Created the group Platform"],
  ["group.renamed", "Platform", c({ name: ["Infra", "Platform"] }), "Renamed the group Infra to Platform"],
  ["group.renamed", "Platform", null, "Renamed a group to Platform"],
  ["group.described", "Platform", c({ description: [null, "Builds"] }), "Changed the description of the group Platform"],
  ["group.deleted", "Platform", c({ name: ["Platform", null], members: [12, null] }), "Deleted the group Platform, which had 12 people"],
  ["group.deleted", "Platform", c({ name: ["Platform", null], members: [1, null] }), "Deleted the group Platform, which had 1 person"],
  ["group.members_added", "Platform", c({ members: [null, "3 added"] }), "Added 3 people to Platform"],
  ["group.members_removed", "Platform", c({ members: ["1 removed", null] }), "Removed 1 person from Platform"],
  ["group.member_added", "Platform", c({ member: [null, DANA] }), "Added Dana Lee to Platform"],
  ["user.added_to_group", DANA, c({ group: [null, "Platform"] }), "Added Dana Lee to Platform"],
  ["user.removed_from_group", DANA, c({ group: ["Platform", null] }), "Removed Dana Lee from Platform"],
  ["app.added", "Atlassian", c({ catalog: [null, "Atlassian"] }), "Added the app Atlassian"],
  ["app.created", "Atlassian", null, "Added the app Atlassian"],
  ["app.renamed", "Jira", c({ name: ["Atlassian", "Jira"] }), "Renamed the app Atlassian to Jira"],
  ["app.deleted", "Atlassian", null, "Deleted the app Atlassian"],
  ["app.deletion_started", "Atlassian", null, "Started deleting the app Atlassian: its accounts are deactivated first"],
  ["app.deletion_stopped", "Atlassian", null, "Stopped deleting the app Atlassian: some accounts could not be deactivated"],
  ["app.deletion_cancelled", "Atlassian", null, "Cancelled deleting the app Atlassian by resuming its provisioning"],
  ["app.paused", "Atlassian", c({ state: ["ACTIVE", "PAUSED"] }), "Paused provisioning to Atlassian"],
  ["app.resumed", "Atlassian", c({ state: ["QUARANTINED", "ACTIVE"] }), "Resumed provisioning to Atlassian"],
  ["app.provisioning_configured", "Atlassian", c({ token: ["set", "changed"] }), "Changed the token of Atlassian"],
  [
    "app.provisioning_configured",
    "Atlassian",
    c({ baseUrl: ["https://a", "https://b"], tokenExpiresAt: [null, "2027-01-01"], state: ["ACTIVE", "PAUSED"] }),
    "Changed the Sync endpoint and token’s expiry date of Atlassian, which paused provisioning until it is authorized again",
  ],
  ["app.authorized", "Atlassian", c({ result: [null, "authorized"] }), "Authorized Atlassian"],
  ["app.authorization_failed", "Atlassian", c({ result: [null, "The token was refused."] }), "Could not authorize Atlassian: The token was refused."],
  ["app.saml_configured", "Atlassian", c({ enabled: ["off", "on"] }), "Turned single sign-on on for Atlassian"],
  ["app.saml_configured", "Atlassian", c({ acsUrl: ["https://a.example/acs", "https://b.example/acs"] }), "Changed the single sign-on settings of Atlassian"],
  ["app.mapping_changed", "Atlassian", c({ title: ["title", "—"], department: ["x", "y"] }), "Changed 2 fields in the field mapping of Atlassian"],
  [
    "app.sync_actions_changed",
    "Atlassian",
    c({ "Create users": ["off", "on"], "Delete users": ["on", "off"] }),
    "Turned on Create users and turned off Delete users for Atlassian",
  ],
  ["app.sync_actions_changed", "Atlassian", c({ state: ["DRAFT", "ACTIVE"] }), "Saved the sync actions of Atlassian"],
  ["app.sync_started", "Atlassian", c({ people: [null, 12] }), "Started syncing 12 people to Atlassian"],
  [
    "app.sync_held_for_approval",
    "Atlassian",
    c({ people: [null, 50], removals: [null, 30] }),
    "Held a sync to Atlassian for approval: it would remove 30 people",
  ],
  ["app.group_assigned", "Atlassian", c({ group: [null, "Platform"] }), "Assigned Atlassian to the group Platform"],
  ["app.group_unassigned", "Atlassian", c({ group: ["Platform", null] }), "Unassigned Atlassian from the group Platform"],
  ["app.group_push_changed", "Atlassian", c({ "Push “Platform”": ["off", "on"] }), "Started pushing the group Platform to Atlassian"],
  ["app.group_push_changed", "Atlassian", c({ "Push “Platform”": ["on", "off"] }), "Stopped pushing the group Platform to Atlassian"],
  ["user.assigned", DANA, c({ app: [null, "Atlassian"] }), "Assigned Atlassian to Dana Lee"],
  ["user.assigned", DANA, c({ app: [null, "imported"] }), "Assigned an app to Dana Lee by importing from it"],
  ["user.unassigned", DANA, c({ app: ["Atlassian", null] }), "Unassigned Atlassian from Dana Lee"],
  ["user.unassigned", DANA, c({ app: ["assigned", null] }), "Unassigned an app from Dana Lee by importing from it"],
  ["user.provisioned_now", "Dana Lee", c({ app: [null, "Atlassian"] }), "Provisioned Dana Lee to Atlassian right away"],
  ["user.account_linked", "Dana Lee", c({ app: [null, "Atlassian"], account: [null, "dana@x"] }), "Linked Dana Lee to the account dana@x in Atlassian"],
  ["app.import_started", "Atlassian", null, "Started an import of the users in Atlassian"],
  ["app.import_confirmed", "Atlassian", c({ people: [null, 3] }), "Imported 3 people from Atlassian"],
  [
    "app.import_confirmed",
    "Atlassian",
    c({ people: [null, 1], groups: [null, "people added to their Atlassian groups"] }),
    "Imported 1 person from Atlassian and added them to their groups",
  ],
];

describe("describeAuditEvent", () => {
  it.each(CASES)("%s (%s) reads in plain words", (action, targetLabel, changes, sentence) => {
    expect(describeAuditEvent({ action, targetLabel, changes })).toBe(sentence);
  });

  it("has a case above for every wording", () => {
    const covered = new Set(CASES.map(([action]) => action));
    expect(Object.keys(AUDIT_WORDINGS).filter((action) => !covered.has(action))).toEqual([]);
  });

  it("names every profile field in words", () => {
    for (const [field, label] of Object.entries(USER_FIELD_LABELS)) expect(AUDIT_FIELD_WORDS[field]?.toLowerCase(), field).toBe(label.toLowerCase());
  });

  it("keeps the target as its own part, so the page can link it", () => {
    expect(describeAuditEventParts({ action: "user.created", targetLabel: DANA, changes: null })).toEqual([
      "Added ",
      { target: "Dana Lee" },
      " to the directory",
    ]);
  });

  it("hidden changes (an admin without 'view apps') still give a sentence", () => {
    expect(describeAuditEvent({ action: "app.import_confirmed", targetLabel: "Atlassian", changes: null })).toBe("Imported people from Atlassian");
    expect(describeAuditEvent({ action: "app.group_assigned", targetLabel: "Atlassian", changes: null })).toBe("Assigned Atlassian to a group");
  });

  it.each([
    ["group.renamed", "Group renamed"],
    ["widget.frobbed_twice", "Widget frobbed twice"],
    ["", "Unknown event"],
  ])("an unknown action %j falls back to %j", (action, readable) => {
    expect(readableAction(action)).toBe(readable);
  });

  it("an unknown action reads as its words, then the target", () => {
    expect(describeAuditEvent({ action: "widget.frobbed", targetLabel: "Gear", changes: null })).toBe("Widget frobbed: Gear");
  });
});

/** Every `noun.verbed` string literal in the lib/ files that record audit events. */
function recordedActions(): Map<string, string> {
  const found = new Map<string, string>();
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (name === "generated" || name === "node_modules") continue;
      if (statSync(path).isDirectory()) walk(path);
      else if (/\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name)) {
        // Comments name actions as examples (`noun.verbed`); only code records them.
        const source = readFileSync(path, "utf8")
          .replace(/\/\*[\s\S]*?\*\//g, "")
          .replace(/(^|\s)\/\/.*$/gm, "");
        if (!/record\w*(Event|Change)s?\(/.test(source)) continue;
        for (const [, action] of source.matchAll(/["'`]([a-z]+\.[a-z]+(?:_[a-z]+)*)["'`]/g)) {
          // Action verbs are past tense (created, sign_in_failed, provisioned_now); file names and hosts are not.
          if (action!.split(/[._]/).some((word) => word.endsWith("ed"))) found.set(action!, path);
        }
      }
    }
  };
  walk(join(__dirname, ".."));
  return found;
}

describe("every recorded action has a wording", () => {
  const recorded = recordedActions();

  it("finds the actions recorded in lib/ (the scan works)", () => {
    for (const action of ["user.created", "app.import_confirmed", "auth.sign_in_failed", "app.group_assigned", "user.provisioned_now", "group.member_added"]) {
      expect(recorded.has(action), action).toBe(true);
    }
    expect(recorded.size).toBeGreaterThan(35);
  });

  it("has a wording for each", () => {
    const missing = [...recorded].filter(([action]) => !AUDIT_WORDINGS[action]).map(([action, path]) => `${action} (${path})`);
    expect(missing).toEqual([]);
  });
});
