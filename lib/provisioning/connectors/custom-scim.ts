import { ENTERPRISE_USER_SCHEMA } from "../../scim/schema-urns";
import { MOBILE_PHONE, PRIMARY_EMAIL } from "../mapping/target-attributes";
import { field, type Connector } from "./connector";

/** Any app that speaks SCIM 2.0 (RFC 7643/7644), with the standard core and enterprise attributes. */
export const customScim: Connector = {
  key: "scim",
  name: "Custom SCIM 2.0 app",
  description: "Any application with a SCIM 2.0 endpoint and a bearer token.",
  setupHint: "In the app's admin settings, look for SCIM or user provisioning, and copy its SCIM base URL and a bearer token.",
  baseUrlExample: "https://app.example.com/scim/v2",
  targets: [
    "userName",
    PRIMARY_EMAIL,
    "name.givenName",
    "name.familyName",
    "displayName",
    "nickName",
    "title",
    MOBILE_PHONE,
    "preferredLanguage",
    "locale",
    "timezone",
    `${ENTERPRISE_USER_SCHEMA}:department`,
    `${ENTERPRISE_USER_SCHEMA}:employeeNumber`,
    `${ENTERPRISE_USER_SCHEMA}:organization`,
  ],
  requiredTargets: ["userName", PRIMARY_EMAIL],
  defaultMapping: [
    field("userName", "email"),
    field(PRIMARY_EMAIL, "email"),
    field("name.givenName", "firstName"),
    field("name.familyName", "lastName"),
    field("displayName", "displayName"),
    field("title", "title"),
    field(MOBILE_PHONE, "mobile"),
    field("preferredLanguage", "locale"),
    field("timezone", "timezone"),
    field(`${ENTERPRISE_USER_SCHEMA}:department`, "department"),
    field(`${ENTERPRISE_USER_SCHEMA}:employeeNumber`, "employeeId"),
  ],
  tokenLifetimeDays: null,
  quirks: { maxPageSize: null, filterableAttributes: null, deleteRemovesRecord: true, canRenameGroups: true },
};
