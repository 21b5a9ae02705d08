import { ENTERPRISE_USER_SCHEMA } from "../../scim/schema-urns";
import { MOBILE_PHONE, PRIMARY_EMAIL } from "../mapping/target-attributes";
import { field, type Connector } from "./connector";

/** Atlassian Cloud's user provisioning API (Atlassian Guard). */
export const atlassian: Connector = {
  key: "atlassian",
  name: "Atlassian",
  description: "Jira, Confluence and the rest of Atlassian Cloud, through Atlassian Guard user provisioning.",
  setupHint:
    "In Atlassian Administration, open Security → Identity providers, add an identity provider of type “Other provider”, choose Set up user provisioning, and copy the SCIM base URL and the API key.",
  baseUrlExample: "https://api.atlassian.com/scim/directory/<directory id>",
  targets: [
    "userName",
    PRIMARY_EMAIL,
    "name.givenName",
    "name.familyName",
    "displayName",
    "nickName",
    "title",
    "department",
    "organization",
    MOBILE_PHONE,
    "preferredLanguage",
    "timezone",
    `${ENTERPRISE_USER_SCHEMA}:department`,
  ],
  requiredTargets: ["userName", PRIMARY_EMAIL],
  defaultMapping: [
    field("userName", "email"),
    field(PRIMARY_EMAIL, "email"),
    field("name.givenName", "firstName"),
    field("name.familyName", "lastName"),
    field("displayName", "displayName"),
    field("title", "title"),
    field("department", "department"),
    field("organization", "organizationName"),
    field(MOBILE_PHONE, "mobile"),
    field("preferredLanguage", "locale"),
    field("timezone", "timezone"),
  ],
  // Keys created or regenerated since January 2025 expire after a year.
  tokenLifetimeDays: 365,
  quirks: {
    maxPageSize: 100,
    filterableAttributes: ["userName", "externalId"],
    deleteRemovesRecord: true,
    // "Renaming a synced group is not supported."
    canRenameGroups: false,
  },
};
