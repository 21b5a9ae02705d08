import { ENTERPRISE_USER_SCHEMA, USER_SCHEMA } from "../../scim/schema-urns";
import type { ScimUserInput } from "../../scim/user-resource";
import { readDirectoryField, type DirectoryField, type DirectoryPerson, type MappingContext } from "./directory-fields";
import { MOBILE_PHONE, PRIMARY_EMAIL, type TargetPath } from "./target-attributes";
import { applyTransforms, type TransformStep } from "./transforms";

/** Where one target attribute gets its value; a directory field's value may pass through transforms, in order. */
export type MappingRule = { target: TargetPath; source: { field: DirectoryField; transforms?: readonly TransformStep[] } | { value: string } };

/** The mapped values, by target path: what is compared to find changes. */
export type MappedValues = Partial<Record<TargetPath, string>>;

/** Resolves each rule for the person; empty values are left out, not sent as "". */
export function mapValues(person: DirectoryPerson, rules: readonly MappingRule[], context: MappingContext): MappedValues {
  const values: MappedValues = {};
  for (const rule of rules) {
    const value =
      "field" in rule.source ? transformed(readDirectoryField(person, rule.source.field, context), rule.source.transforms, person, context) : rule.source.value;
    const trimmed = value?.trim();
    if (trimmed) values[rule.target] = trimmed;
  }
  return values;
}

function transformed(value: string | null, steps: readonly TransformStep[] | undefined, person: DirectoryPerson, context: MappingContext): string | null {
  return steps && steps.length > 0 ? applyTransforms(value, steps, person, context) : value;
}

/**
 * The SCIM user Roster wants the app to have: the mapped values placed at
 * their paths, plus `externalId` (our id, which links the accounts) and
 * `active`. A complete resource, as a PUT must send.
 */
export function buildScimUser(
  person: DirectoryPerson,
  rules: readonly MappingRule[],
  context: MappingContext,
  active = person.status === "ACTIVE",
): ScimUserInput {
  return toScimUser(person.id, mapValues(person, rules, context), active);
}

export function toScimUser(externalId: string, values: MappedValues, active: boolean): ScimUserInput {
  const user: Record<string, unknown> = { schemas: [USER_SCHEMA], externalId, active };
  const enterprise: Record<string, string> = {};
  const name: Record<string, string> = {};
  for (const [path, value] of Object.entries(values) as [TargetPath, string][]) {
    if (path === PRIMARY_EMAIL) user.emails = [{ value, type: "work", primary: true }];
    else if (path === MOBILE_PHONE) user.phoneNumbers = [{ value, type: "mobile" }];
    else if (path.startsWith(`${ENTERPRISE_USER_SCHEMA}:`)) enterprise[path.slice(ENTERPRISE_USER_SCHEMA.length + 1)] = value;
    else if (path.startsWith("name.")) name[path.slice("name.".length)] = value;
    else user[path] = value;
  }
  if (Object.keys(name).length > 0) {
    name.formatted = [name.givenName, name.familyName].filter(Boolean).join(" ");
    user.name = name;
  }
  if (Object.keys(enterprise).length > 0) {
    user.schemas = [USER_SCHEMA, ENTERPRISE_USER_SCHEMA];
    user[ENTERPRISE_USER_SCHEMA] = enterprise;
  }
  return user as ScimUserInput;
}

/** The values a SCIM user holds at the mapped paths; the inverse of `toScimUser`, for comparing. */
export function readScimValues(user: Record<string, unknown>, targets: readonly TargetPath[]): MappedValues {
  const values: MappedValues = {};
  for (const target of targets) {
    const value = readPath(user, target);
    if (typeof value === "string" && value.trim()) values[target] = value.trim();
  }
  return values;
}

function readPath(user: Record<string, unknown>, path: TargetPath): unknown {
  if (path === PRIMARY_EMAIL)
    return pickMultiValued(
      user.emails,
      (entry) => entry.primary === true,
      (entry) => entry.type === "work",
    );
  if (path === MOBILE_PHONE) return pickMultiValued(user.phoneNumbers, (entry) => entry.type === "mobile");
  if (path.startsWith(`${ENTERPRISE_USER_SCHEMA}:`)) {
    const extension = user[ENTERPRISE_USER_SCHEMA] as Record<string, unknown> | undefined;
    return extension?.[path.slice(ENTERPRISE_USER_SCHEMA.length + 1)];
  }
  if (path.startsWith("name.")) return (user.name as Record<string, unknown> | undefined)?.[path.slice("name.".length)];
  return user[path];
}

type MultiValue = { value?: unknown; type?: unknown; primary?: unknown };

/** The first entry passing the earliest test, else the first entry. */
function pickMultiValued(list: unknown, ...preferences: ((entry: MultiValue) => boolean)[]): unknown {
  if (!Array.isArray(list) || list.length === 0) return undefined;
  const entries = list as MultiValue[];
  for (const prefers of preferences) {
    const found = entries.find(prefers);
    if (found) return found.value;
  }
  return entries[0]?.value;
}
