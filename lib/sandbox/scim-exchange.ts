import { isPlainObject } from "./is-plain-object.ts";
import { ScimProblem } from "./scim-problem.ts";

/** One SCIM request after routing, authentication and body parsing. */
export interface ScimCall {
  method: string;
  /** The resource id from the path, for /Users/{id} and /Groups/{id}. */
  id?: string;
  query: URLSearchParams;
  body: unknown;
  /** This directory's SCIM base URL, for `meta.location` and `Location`. */
  baseUrl: string;
  now: Date;
}

export interface ScimReply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/** Atlassian requires `schemas` with the core URN on create and replace. */
export function requireSchema(body: unknown, urn: string): Record<string, unknown> {
  if (!isPlainObject(body)) throw new ScimProblem(400, "The request body must be a JSON object.", "invalidSyntax");
  if (!Array.isArray(body.schemas) || !body.schemas.includes(urn)) {
    throw new ScimProblem(400, `The schemas attribute must include ${urn}.`, "invalidSyntax");
  }
  return body;
}

export function methodNotAllowed(method: string): ScimProblem {
  return new ScimProblem(405, `${method} is not supported here.`);
}
