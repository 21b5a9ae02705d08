import { findAttribute, isReadOnly, type AttributeDefinition, type ResourceCatalogue, type SchemaDefinition } from "./attribute-catalogue.ts";
import { isPlainObject } from "./is-plain-object.ts";
import { invalidValue } from "./scim-problem.ts";

/** Writable attributes under their canonical names; extension attributes nest under the extension URN. */
export type Attributes = Record<string, unknown>;

/**
 * Keeps what the catalogue knows, under canonical names (attribute names are case-insensitive),
 * after checking types. Unknown attributes are dropped, as Atlassian does; read-only ones
 * (id, meta, groups, atlassianAccountId) are ignored as RFC 7643 §2.2 asks; null means
 * "unassigned" (§2.5) and is dropped too.
 */
export function coerceAttributes(input: Record<string, unknown>, catalogue: ResourceCatalogue): Attributes {
  const result: Attributes = {};
  for (const [key, value] of Object.entries(input)) {
    if (value === null || value === undefined) continue;
    const extension = catalogue.extensions.get(key.toLowerCase());
    if (extension) {
      if (!isPlainObject(value)) throw invalidValue(`The extension "${extension.id}" must be an object.`);
      const coerced = coerceObject(value, extension, extension.attributes, "");
      if (Object.keys(coerced).length > 0) result[extension.id] = coerced;
      continue;
    }
    const attribute = findAttribute(catalogue.core.attributes, key);
    if (attribute && !isReadOnly(catalogue.core, attribute)) result[attribute.name] = coerceValue(value, catalogue.core, attribute, attribute.name);
  }
  return result;
}

function coerceValue(value: unknown, schema: SchemaDefinition, attribute: AttributeDefinition, path: string): unknown {
  if (!attribute.multiValued) return coerceSingle(value, schema, attribute, path);
  if (!Array.isArray(value)) throw invalidValue(`The attribute "${path}" must be a list.`);
  return value.filter((item) => item !== null).map((item) => coerceSingle(item, schema, attribute, path));
}

function coerceSingle(value: unknown, schema: SchemaDefinition, attribute: AttributeDefinition, path: string): unknown {
  switch (attribute.type) {
    case "string":
    case "reference":
      if (typeof value !== "string") throw invalidValue(`The attribute "${path}" must be a string.`);
      return value;
    case "boolean":
      // Strict on purpose: "False" as a string is a client bug this sandbox should reveal, not forgive.
      if (typeof value !== "boolean") throw invalidValue(`The attribute "${path}" must be true or false.`);
      return value;
    case "complex":
      if (!isPlainObject(value)) throw invalidValue(`The attribute "${path}" must be an object.`);
      return coerceObject(value, schema, attribute.subAttributes ?? [], path);
  }
}

function coerceObject(value: Record<string, unknown>, schema: SchemaDefinition, attributes: readonly AttributeDefinition[], path: string): Attributes {
  const result: Attributes = {};
  for (const [key, inner] of Object.entries(value)) {
    if (inner === null || inner === undefined) continue;
    const attribute = findAttribute(attributes, key);
    if (!attribute || isReadOnly(schema, attribute)) continue;
    result[attribute.name] = coerceValue(inner, schema, attribute, path ? `${path}.${attribute.name}` : attribute.name);
  }
  return result;
}
