import { ENTERPRISE_USER_SCHEMA } from "../../scim/schema-urns";

/**
 * The SCIM user attributes Roster can write, each with where it lives in the
 * resource. `externalId` (our user id) and `active` (from the status and the
 * sync actions) are set by Roster itself and are not mappable.
 */
export const TARGET_ATTRIBUTES = {
  userName: { label: "Username", description: "The sign-in name; unique in the app." },
  'emails[type eq "work"].value': { label: "Primary e-mail", description: "Sent as the work e-mail, marked primary." },
  "name.givenName": { label: "First name", description: "Given name." },
  "name.familyName": { label: "Last name", description: "Family name." },
  displayName: { label: "Display name", description: "The name shown to other people." },
  nickName: { label: "Public name", description: "Atlassian shows this as the public name." },
  title: { label: "Job title", description: "" },
  department: { label: "Department", description: "Atlassian's top-level department attribute." },
  organization: { label: "Organization", description: "Atlassian's top-level organization attribute." },
  'phoneNumbers[type eq "mobile"].value': { label: "Mobile number", description: "" },
  preferredLanguage: { label: "Preferred language", description: "A language tag such as en-GB." },
  locale: { label: "Locale", description: "" },
  timezone: { label: "Time zone", description: "An IANA time zone such as Europe/London." },
  [`${ENTERPRISE_USER_SCHEMA}:department`]: { label: "Department (enterprise)", description: "The standard SCIM enterprise extension." },
  [`${ENTERPRISE_USER_SCHEMA}:employeeNumber`]: { label: "Employee number (enterprise)", description: "" },
  [`${ENTERPRISE_USER_SCHEMA}:organization`]: { label: "Organization (enterprise)", description: "" },
} as const satisfies Record<string, { label: string; description: string }>;

export type TargetPath = keyof typeof TARGET_ATTRIBUTES;
export const TARGET_PATHS = Object.keys(TARGET_ATTRIBUTES) as TargetPath[];

export const PRIMARY_EMAIL: TargetPath = 'emails[type eq "work"].value';
export const MOBILE_PHONE: TargetPath = 'phoneNumbers[type eq "mobile"].value';

export function isTargetPath(value: string): value is TargetPath {
  return Object.hasOwn(TARGET_ATTRIBUTES, value);
}
