import { findAttribute, type ResourceCatalogue } from "./attribute-catalogue.ts";
import type { Attributes } from "./coerce-attributes.ts";
import { isPlainObject } from "./is-plain-object.ts";
import type { PatchOperation } from "./parse-patch-request.ts";
import { resolvePatchPath, type ResolvedPath } from "./resolve-patch-path.ts";
import { ScimProblem, invalidValue } from "./scim-problem.ts";

type Item = Record<string, unknown>;

/**
 * Applies PATCH operations (RFC 7644 §3.5.2) to a copy of the attributes and returns it; the
 * caller validates the result as it would a PUT, and stores it only if every operation and the
 * validation succeed, which makes the request atomic as the RFC requires.
 *
 * Read-only attributes: a path naming one is refused with 400 `mutability`; inside a path-less
 * value they are ignored, because clients often send back a whole resource they read.
 */
export function applyPatch(attributes: Attributes, operations: readonly PatchOperation[], catalogue: ResourceCatalogue): Attributes {
  const result = structuredClone(attributes);
  for (const operation of operations) {
    if (operation.path !== undefined) {
      applyAt(result, resolvePatchPath(operation.path, catalogue), operation.op, operation.value, operation.path, catalogue);
      continue;
    }
    if (!isPlainObject(operation.value)) throw invalidValue("A PATCH operation without a path needs an object as its value.");
    for (const [key, value] of Object.entries(operation.value)) {
      if (isIgnoredWhenPathless(key, catalogue)) continue;
      applyAt(result, resolvePatchPath(key, catalogue), operation.op, value, key, catalogue);
    }
  }
  for (const extension of catalogue.extensions.values()) {
    const holder = result[extension.id];
    if (isPlainObject(holder) && Object.keys(holder).length === 0) delete result[extension.id];
  }
  return result;
}

function isIgnoredWhenPathless(key: string, catalogue: ResourceCatalogue): boolean {
  const lower = key.toLowerCase();
  if (lower === "id" || lower === "meta" || lower === "schemas") return true;
  const extension = catalogue.extensions.get(lower);
  if (extension) return extension.attributes.every((attribute) => attribute.mutability === "readOnly");
  return findAttribute(catalogue.core.attributes, key)?.mutability === "readOnly";
}

function applyAt(resource: Attributes, target: ResolvedPath, op: PatchOperation["op"], value: unknown, path: string, catalogue: ResourceCatalogue): void {
  const { extension, attribute } = target;
  if (!attribute) {
    // A whole extension: remove it, or add/replace each of its attributes.
    if (op === "remove") return void delete resource[extension ?? ""];
    if (!isPlainObject(value)) throw invalidValue(`The value for "${path}" must be an object.`);
    for (const [key, inner] of Object.entries(value)) {
      applyAt(resource, resolvePatchPath(`${extension}:${key}`, catalogue), op, inner, `${extension}:${key}`, catalogue);
    }
    return;
  }
  const holder = extension === undefined ? resource : objectAt(resource, extension);
  const name = attribute.name;

  if (attribute.multiValued) return applyToList(holder, target, op, value, path);
  if (attribute.type === "complex") {
    const sub = target.subAttribute?.name;
    if (sub !== undefined) {
      const complex = objectAt(holder, name);
      if (op === "remove") delete complex[sub];
      else complex[sub] = value;
      return;
    }
    if (op === "remove") return void delete holder[name];
    if (!isPlainObject(value)) throw invalidValue(`The value for "${path}" must be an object.`);
    // Both add and replace merge sub-attributes and leave the others alone (RFC 7644 §3.5.2.1, §3.5.2.3).
    holder[name] = { ...(isPlainObject(holder[name]) ? holder[name] : {}), ...value };
    return;
  }
  if (op === "remove") delete holder[name];
  else holder[name] = value;
}

function applyToList(holder: Attributes, target: ResolvedPath, op: PatchOperation["op"], value: unknown, path: string): void {
  const name = target.attribute?.name ?? "";
  const list = (Array.isArray(holder[name]) ? holder[name] : []) as Item[];
  const { filter } = target;
  const sub = target.subAttribute?.name;

  if (!filter) {
    if (op === "remove") {
      if (value === undefined) return void delete holder[name];
      // Entra removes members by listing them in the value instead of using a filter.
      const doomed = new Set<unknown>(asItems(value, path).map((item) => item.value));
      holder[name] = list.filter((item) => !doomed.has(item.value));
      return;
    }
    const incoming = asItems(value, path);
    const replaced = new Set<unknown>(incoming.map((item) => item.value).filter((each) => each !== undefined));
    holder[name] = withSinglePrimary(op === "add" ? [...list.filter((item) => !replaced.has(item.value)), ...incoming] : incoming, incoming);
    return;
  }

  const matches = (item: Item) => sameValue(item[filter.attribute.name], filter.value);
  if (op === "remove") {
    holder[name] = sub === undefined ? list.filter((item) => !matches(item)) : list.map((item) => (matches(item) ? without(item, sub) : item));
    return;
  }
  const changed = (item: Item): Item => (sub === undefined ? { ...item, ...asObject(value, path) } : { ...item, [sub]: value });
  if (!list.some(matches)) {
    if (op === "replace") throw new ScimProblem(400, `No value of "${name}" matches the filter in "${path}".`, "noTarget");
    // An add through a filter creates the value it describes: Entra writes emails[type eq "work"].value this way.
    const created = changed({ [filter.attribute.name]: filter.value });
    holder[name] = withSinglePrimary([...list, created], [created]);
    return;
  }
  const updated = list.map((item) => (matches(item) ? changed(item) : item));
  holder[name] = withSinglePrimary(updated, updated.filter(matches));
}

/** Setting a value primary makes the others non-primary (RFC 7644 §3.5.2), instead of failing. */
function withSinglePrimary(list: Item[], written: Item[]): Item[] {
  if (!written.some((item) => item.primary === true)) return list;
  const winner = written.findLast((item) => item.primary === true);
  return list.map((item) => (item !== winner && item.primary === true ? { ...item, primary: false } : item));
}

function asItems(value: unknown, path: string): Item[] {
  const items = Array.isArray(value) ? value : [value];
  return items.map((item) => asObject(item, path));
}

function asObject(value: unknown, path: string): Item {
  if (!isPlainObject(value)) throw invalidValue(`The values for "${path}" must be objects.`);
  return value;
}

function objectAt(holder: Attributes, key: string): Item {
  const existing = holder[key];
  if (isPlainObject(existing)) return existing;
  const created: Item = {};
  holder[key] = created;
  return created;
}

function without(item: Item, key: string): Item {
  const { [key]: _removed, ...rest } = item;
  return rest;
}

function sameValue(actual: unknown, expected: string | number | boolean): boolean {
  return typeof actual === "string" && typeof expected === "string" ? actual.toLowerCase() === expected.toLowerCase() : actual === expected;
}
