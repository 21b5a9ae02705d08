import { z } from "zod";
import { resourceMetaSchema } from "./resource-meta.ts";
import { ATLASSIAN_EXTERNAL_SCHEMA, ENTERPRISE_USER_SCHEMA } from "./schema-urns.ts";

// Every object is loose: attributes this client does not know (custom extensions, Atlassian
// additions) must survive a read-modify-PUT round trip instead of being silently dropped.

const multiValuedString = z.looseObject({
  value: z.string().optional(),
  display: z.string().optional(),
  type: z.string().optional(),
  primary: z.boolean().optional(),
});

const userGroupReference = z.looseObject({
  value: z.string(),
  display: z.string().optional(),
  type: z.string().optional(),
  $ref: z.string().optional(),
});

export const userNameSchema = z.looseObject({
  formatted: z.string().optional(),
  familyName: z.string().optional(),
  givenName: z.string().optional(),
  middleName: z.string().optional(),
  honorificPrefix: z.string().optional(),
  honorificSuffix: z.string().optional(),
});

/** RFC 7643 §4.3. Atlassian documents only `department` and `organization`. */
export const enterpriseUserSchema = z.looseObject({
  employeeNumber: z.string().optional(),
  costCenter: z.string().optional(),
  organization: z.string().optional(),
  division: z.string().optional(),
  department: z.string().optional(),
  manager: z.looseObject({ value: z.string().optional(), $ref: z.string().optional(), displayName: z.string().optional() }).optional(),
});

/** Read-only: the Atlassian account the SCIM user is linked to, which is what import matches on. */
export const atlassianExternalSchema = z.looseObject({
  atlassianAccountId: z.string().optional(),
});

const userAttributes = {
  externalId: z.string().optional(),
  userName: z.string().min(1),
  name: userNameSchema.optional(),
  displayName: z.string().optional(),
  nickName: z.string().optional(),
  profileUrl: z.string().optional(),
  title: z.string().optional(),
  userType: z.string().optional(),
  preferredLanguage: z.string().optional(),
  locale: z.string().optional(),
  timezone: z.string().optional(),
  active: z.boolean().optional(),
  emails: z.array(multiValuedString).optional(),
  phoneNumbers: z.array(multiValuedString).optional(),
  // Atlassian puts these two at the top level as well as in the enterprise extension.
  department: z.string().optional(),
  organization: z.string().optional(),
  [ENTERPRISE_USER_SCHEMA]: enterpriseUserSchema.optional(),
};

/** A user as a server returns it: `id` is required, everything else is optional. */
export const scimUserSchema = z.looseObject({
  schemas: z.array(z.string()).optional(),
  id: z.string().min(1),
  ...userAttributes,
  groups: z.array(userGroupReference).optional(),
  meta: resourceMetaSchema.optional(),
  [ATLASSIAN_EXTERNAL_SCHEMA]: atlassianExternalSchema.optional(),
});

/** A user as a caller sends it (create or replace). The client fills in `schemas` when it is missing. */
export const scimUserInputSchema = z.looseObject({
  schemas: z.array(z.string()).optional(),
  ...userAttributes,
});

export type ScimUser = z.infer<typeof scimUserSchema>;
export type ScimUserInput = z.infer<typeof scimUserInputSchema>;
