import { findAttribute, isReadOnly, type AttributeDefinition, type ResourceCatalogue, type SchemaDefinition } from "./attribute-catalogue.ts";
import { ScimProblem, invalidFilter } from "./scim-problem.ts";

export interface ResolvedPath {
  /** The extension URN holding the attribute, or undefined for the core schema. */
  extension?: string;
  /** Undefined when the path names a whole extension. */
  attribute?: AttributeDefinition;
  /** From a value filter such as `emails[type eq "work"]`; only `eq` is supported. */
  filter?: { attribute: AttributeDefinition; value: string | number | boolean };
  subAttribute?: AttributeDefinition;
}

const ATTRIBUTE_PATH = /^([a-z$][\w$-]*)(?:\[(.*)\])?(?:\.([a-z$][\w$-]*))?$/i;
const EQ_FILTER = /^\s*([a-z$][\w$-]*)\s+eq\s+(.+?)\s*$/i;
const ALWAYS_READ_ONLY = new Set(["id", "meta", "schemas"]);

/** Resolves a PATCH path (RFC 7644 §3.5.2) against the catalogue, case-insensitively. */
export function resolvePatchPath(path: string, catalogue: ResourceCatalogue): ResolvedPath {
  const { schema, extension, rest } = splitExtension(path, catalogue);
  if (rest === undefined) {
    if (schema.attributes.every((attribute) => attribute.mutability === "readOnly")) throw readOnly(path);
    return { extension };
  }
  const match = ATTRIBUTE_PATH.exec(rest);
  if (!match) throw new ScimProblem(400, `The path "${path}" is not a valid attribute path.`, "invalidPath");
  const [, name = "", filterText, subName] = match;
  if (ALWAYS_READ_ONLY.has(name.toLowerCase())) throw readOnly(path);
  const attribute = findAttribute(schema.attributes, name);
  if (!attribute) throw new ScimProblem(400, `The attribute "${name}" is not supported.`, "invalidPath");
  if (isReadOnly(schema, attribute)) throw readOnly(path);

  const resolved: ResolvedPath = { extension, attribute };
  if (filterText !== undefined) {
    if (!attribute.multiValued) throw invalidFilter();
    resolved.filter = parseValueFilter(filterText, attribute);
  }
  if (subName !== undefined) {
    // "emails.value" without a filter would mean every value at once; no client needs that.
    if (attribute.multiValued && !resolved.filter) throw new ScimProblem(400, `The path "${path}" needs a value filter.`, "invalidPath");
    const subAttribute = findAttribute(attribute.subAttributes ?? [], subName);
    if (!subAttribute) throw new ScimProblem(400, `The attribute "${attribute.name}" has no "${subName}".`, "invalidPath");
    resolved.subAttribute = subAttribute;
  }
  return resolved;
}

function splitExtension(path: string, catalogue: ResourceCatalogue): { schema: SchemaDefinition; extension?: string; rest?: string } {
  const lower = path.toLowerCase();
  for (const [urn, schema] of catalogue.extensions) {
    if (lower === urn) return { schema, extension: schema.id };
    if (lower.startsWith(`${urn}:`)) return { schema, extension: schema.id, rest: path.slice(urn.length + 1) };
  }
  return { schema: catalogue.core, rest: path };
}

function parseValueFilter(text: string, attribute: AttributeDefinition): NonNullable<ResolvedPath["filter"]> {
  const match = EQ_FILTER.exec(text);
  const filterAttribute = match?.[1] === undefined ? undefined : findAttribute(attribute.subAttributes ?? [], match[1]);
  if (!match || !filterAttribute) throw invalidFilter();
  let value: unknown;
  try {
    value = JSON.parse(match[2] ?? "");
  } catch {
    throw invalidFilter();
  }
  if (typeof value !== "string" && typeof value !== "number" && typeof value !== "boolean") throw invalidFilter();
  return { attribute: filterAttribute, value };
}

function readOnly(path: string): ScimProblem {
  return new ScimProblem(400, `The attribute "${path}" is read-only.`, "mutability");
}
