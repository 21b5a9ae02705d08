import { ATLASSIAN_EXTERNAL, CORE_GROUP, CORE_USER, ENTERPRISE_USER } from "./schema-urns.ts";

/**
 * The attributes the sandbox understands, as RFC 7643 schema definitions. One source for
 * validating writes, resolving PATCH paths and answering `/Schemas`, so the three cannot drift.
 */
export interface AttributeDefinition {
  name: string;
  type: "string" | "boolean" | "complex" | "reference";
  multiValued?: boolean;
  required?: boolean;
  caseExact?: boolean;
  mutability?: "readWrite" | "readOnly";
  uniqueness?: "none" | "server";
  description: string;
  subAttributes?: AttributeDefinition[];
}

export interface SchemaDefinition {
  id: string;
  name: string;
  description: string;
  attributes: AttributeDefinition[];
}

const text = (name: string, description: string, extra: Partial<AttributeDefinition> = {}): AttributeDefinition => ({
  name,
  type: "string",
  description,
  ...extra,
});

const multiValuedText = (name: string, description: string, required = false): AttributeDefinition => ({
  name,
  type: "complex",
  multiValued: true,
  required,
  description,
  subAttributes: [
    text("value", `The ${name} value.`),
    text("display", "A human-readable name."),
    text("type", 'A label such as "work" or "mobile".'),
    { name: "primary", type: "boolean", description: "Whether this is the preferred value; at most one may be true." },
  ],
});

export const USER_SCHEMA: SchemaDefinition = {
  id: CORE_USER,
  name: "User",
  description: "User account",
  attributes: [
    text("userName", "Unique identifier for the user, compared without regard to case.", { required: true, uniqueness: "server" }),
    text("externalId", "Identifier set by the provisioning client, compared exactly.", { caseExact: true }),
    {
      name: "name",
      type: "complex",
      description: "The components of the user's name.",
      subAttributes: [
        text("formatted", "The full name."),
        text("familyName", "The family name."),
        text("givenName", "The given name."),
        text("middleName", "The middle name."),
        text("honorificPrefix", "A title such as Ms."),
        text("honorificSuffix", "A suffix such as III."),
      ],
    },
    text("displayName", "The name shown for the user."),
    text("nickName", 'Shown as the "Public name" of the Atlassian profile.'),
    text("title", "Job title."),
    text("preferredLanguage", "Preferred language, e.g. en-US."),
    text("locale", "Locale for formatting, e.g. en-US."),
    text("timezone", "IANA time zone, e.g. Europe/Paris."),
    { name: "active", type: "boolean", description: "Whether the account may sign in; true when not given." },
    multiValuedText("emails", "E-mail addresses; exactly one must be primary.", true),
    multiValuedText("phoneNumbers", "Phone numbers."),
    text("department", "Department (Atlassian also accepts it at the top level)."),
    text("organization", "Organization (Atlassian also accepts it at the top level)."),
    {
      name: "groups",
      type: "complex",
      multiValued: true,
      mutability: "readOnly",
      description: "Groups the user belongs to; change them through /Groups.",
      subAttributes: [text("value", "Group id."), text("display", "Group name.")],
    },
  ],
};

export const ENTERPRISE_SCHEMA: SchemaDefinition = {
  id: ENTERPRISE_USER,
  name: "EnterpriseUser",
  description: "Enterprise user",
  attributes: [
    text("employeeNumber", "Employee number."),
    text("costCenter", "Cost center."),
    text("organization", "Organization."),
    text("division", "Division."),
    text("department", "Department."),
    {
      name: "manager",
      type: "complex",
      description: "The user's manager.",
      subAttributes: [text("value", "Manager's id."), text("$ref", "Manager's URI."), text("displayName", "Manager's name.")],
    },
  ],
};

export const ATLASSIAN_EXTERNAL_SCHEMA: SchemaDefinition = {
  id: ATLASSIAN_EXTERNAL,
  name: "AtlassianExternal",
  description: "The Atlassian account linked to this SCIM user",
  attributes: [text("atlassianAccountId", "Atlassian account id.", { mutability: "readOnly" })],
};

export const GROUP_SCHEMA: SchemaDefinition = {
  id: CORE_GROUP,
  name: "Group",
  description: "Group",
  attributes: [
    text("displayName", "Group name, unique without regard to case.", { required: true, uniqueness: "server" }),
    text("externalId", "Identifier set by the provisioning client.", { caseExact: true }),
    {
      name: "members",
      type: "complex",
      multiValued: true,
      description: "Users in the group.",
      subAttributes: [text("value", "User id."), text("display", "User's name."), text("type", 'Always "User".'), text("$ref", "User's URI.")],
    },
  ],
};

export interface ResourceCatalogue {
  core: SchemaDefinition;
  /** Extensions by lower-cased URN, including read-only ones. */
  extensions: ReadonlyMap<string, SchemaDefinition>;
}

export const USER_CATALOGUE: ResourceCatalogue = {
  core: USER_SCHEMA,
  extensions: new Map([ENTERPRISE_SCHEMA, ATLASSIAN_EXTERNAL_SCHEMA].map((schema) => [schema.id.toLowerCase(), schema])),
};

export const GROUP_CATALOGUE: ResourceCatalogue = { core: GROUP_SCHEMA, extensions: new Map() };

/** Attribute names are case-insensitive (RFC 7643 §2.1). */
export function findAttribute(attributes: readonly AttributeDefinition[], name: string): AttributeDefinition | undefined {
  const wanted = name.toLowerCase();
  return attributes.find((attribute) => attribute.name.toLowerCase() === wanted);
}

export function isReadOnly(schema: SchemaDefinition, attribute: AttributeDefinition): boolean {
  return attribute.mutability === "readOnly" || schema.attributes.every((each) => each.mutability === "readOnly");
}
