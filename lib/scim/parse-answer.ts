import type { z } from "zod";
import { ScimError } from "./scim-error.ts";

export interface AnswerContext {
  /** What the answer should be, in words: "user", "group", "list of users". */
  expected: string;
  method: string;
  url: string;
}

/**
 * Validates a 2xx answer at the boundary, so that nothing past this point sees an unchecked shape.
 * Null attributes are dropped first: RFC 7643 §2.5 makes null equivalent to "unassigned", and
 * servers that send `"title": null` are common.
 */
export function parseAnswer<S extends z.ZodType>(schema: S, json: unknown, context: AnswerContext): z.infer<S> {
  const result = schema.safeParse(withoutNulls(json));
  if (result.success) return result.data;

  const host = new URL(context.url).host;
  const where = `${context.method} ${new URL(context.url).pathname}`;
  if (json === undefined) {
    throw invalid(context, `${host} answered ${where} with an empty body where a SCIM ${context.expected} was expected. Check the Sync endpoint URL.`);
  }
  const issue = result.error.issues[0];
  if (issue?.path.length === 1 && issue.path[0] === "id") {
    throw invalid(
      context,
      `${host} answered ${where} with a ${context.expected} that has no id, so Roster cannot refer to it later. The endpoint does not behave like a SCIM server; check the Sync endpoint URL.`,
    );
  }
  const at = issue && issue.path.length > 0 ? ` at "${issue.path.join(".")}"` : "";
  throw invalid(
    context,
    `${host} answered ${where} with something that is not a valid SCIM ${context.expected}${at}: ${issue?.message ?? "unexpected shape"}. Check the Sync endpoint URL.`,
  );
}

function invalid(context: AnswerContext, message: string): ScimError {
  return new ScimError({ kind: "invalidResponse", method: context.method, url: context.url, message });
}

/** The value without its null attributes and array items: the value itself when it has none (most answers), a copy otherwise. */
function withoutNulls(value: unknown): unknown {
  return hasNull(value) ? copyWithoutNulls(value) : value;
}

function hasNull(value: unknown): boolean {
  if (typeof value !== "object" || value === null) return false;
  if (Array.isArray(value)) return value.some((item) => item === null || hasNull(item));
  for (const key in value) {
    const inner = (value as Record<string, unknown>)[key];
    if (inner === null || hasNull(inner)) return true;
  }
  return false;
}

function copyWithoutNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.filter((item) => item !== null).map(copyWithoutNulls);
  if (typeof value !== "object" || value === null) return value;
  const copy: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    if (inner !== null) copy[key] = copyWithoutNulls(inner);
  }
  return copy;
}
