import { eq, valuePath } from "./build-filter.ts";
import { PATCH_OP_SCHEMA } from "./schema-urns.ts";

/**
 * PATCH operations (RFC 7644 §3.5.2). Ops are always lower case: that is what the RFC defines,
 * and servers that accept Entra's "Replace" still accept "replace", while the reverse is not true.
 */
export type PatchOperation =
  | { op: "add" | "replace"; path: string; value: unknown }
  | { op: "add" | "replace"; path?: undefined; value: Record<string, unknown> }
  | { op: "remove"; path: string; value?: unknown };

export interface PatchRequest {
  schemas: [typeof PATCH_OP_SCHEMA];
  Operations: PatchOperation[];
}

export function patchRequest(...operations: PatchOperation[]): PatchRequest {
  if (operations.length === 0) throw new TypeError("A PATCH request needs at least one operation.");
  return { schemas: [PATCH_OP_SCHEMA], Operations: operations };
}

export function replace(path: string, value: unknown): PatchOperation {
  return { op: "replace", path: checkedPath(path), value };
}

export function add(path: string, value: unknown): PatchOperation {
  return { op: "add", path: checkedPath(path), value };
}

export function remove(path: string): PatchOperation {
  return { op: "remove", path: checkedPath(path) };
}

/** A path-less replace: each key of `attributes` is an attribute name (or an extension URN) and its new value. */
export function replaceAttributes(attributes: Record<string, unknown>): PatchOperation {
  if (Object.keys(attributes).length === 0) throw new TypeError("replaceAttributes needs at least one attribute.");
  return { op: "replace", value: attributes };
}

/** Deactivating keeps the account and its data; DELETE would remove the SCIM record for good. */
export function setActive(active: boolean): PatchRequest {
  return patchRequest(replace("active", active));
}

export function addMembers(userIds: readonly string[]): PatchRequest {
  return patchRequest(
    add(
      "members",
      userIds.map((value) => ({ value })),
    ),
  );
}

/** One operation per member, with the RFC's value filter, which servers support more widely than a value list. */
export function removeMembers(userIds: readonly string[]): PatchRequest {
  return patchRequest(...userIds.map((id) => remove(valuePath("members", eq("value", id)))));
}

function checkedPath(path: string): string {
  if (path.trim() === "") throw new TypeError("A PATCH path cannot be empty; leave it out for a path-less operation.");
  return path;
}
