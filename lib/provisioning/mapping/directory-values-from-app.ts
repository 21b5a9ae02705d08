import type { MappingRule, MappedValues } from "./build-scim-user";

/** Directory fields an app's value can be written back to on import (the rest are derived or not the person's). */
const IMPORTABLE_FIELDS = ["email", "firstName", "lastName", "displayName", "employeeId", "title", "department", "mobile", "locale", "timezone"] as const;
export type ImportableField = (typeof IMPORTABLE_FIELDS)[number];

/**
 * The inverse of the mapping, for import: the app's values written to the
 * directory fields they are mapped from. Hardcoded values, derived fields
 * (full name, organization name) and transformed values (a lower-cased or
 * joined value is not the field's own) have no directory field to go back to.
 */
export function directoryValuesFromApp(values: MappedValues, rules: readonly MappingRule[]): Partial<Record<ImportableField, string>> {
  const fields: Partial<Record<ImportableField, string>> = {};
  for (const rule of rules) {
    if (!("field" in rule.source) || (rule.source.transforms?.length ?? 0) > 0) continue;
    const field = rule.source.field as ImportableField;
    const value = values[rule.target];
    if (IMPORTABLE_FIELDS.includes(field) && value !== undefined && fields[field] === undefined) fields[field] = value;
  }
  return fields;
}
