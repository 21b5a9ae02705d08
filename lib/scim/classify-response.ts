import { z } from "zod";
import type { HeaderReader } from "./exchange.ts";
import { parseRetryAfterMs } from "./parse-retry-after.ts";
import { ERROR_SCHEMA } from "./schema-urns.ts";
import { ScimError, type ScimErrorInit } from "./scim-error.ts";

/** An HTTP answer that was not a success, after its body was read (and parsed, when it was JSON). */
export interface FailedAnswer {
  status: number;
  headers: HeaderReader;
  /** The parsed JSON body, or undefined when the body was empty or not JSON (an HTML error page, say). */
  json: unknown;
  method: string;
  url: string;
  nowMs: number;
}

// One lenient shape for the three bodies seen in the wild: the RFC 7644 error, Atlassian's
// `{error, traceId}` on 401/403, and Atlassian's Java exception dump on some group errors.
const errorBodySchema = z.looseObject({
  status: z.union([z.string(), z.number()]).optional(),
  scimType: z.string().optional(),
  detail: z.string().optional(),
  error: z.string().optional(),
  traceId: z.string().optional(),
  message: z.string().optional(),
  scimErrorType: z.string().optional(),
  schemas: z.array(z.unknown()).optional(),
});

// A write to one group: /Groups/{id} at the end of the path, whatever the base URL.
const GROUP_RESOURCE_PATH = /\/Groups\/[^/]+$/;
const WRITE_METHODS = new Set(["PUT", "PATCH", "DELETE"]);

const MAX_DETAIL_LENGTH = 300;

const SCIM_TYPE_HINTS: Record<string, string> = {
  invalidFilter: "The app does not support this search.",
  mutability: "A value was sent for an attribute the app does not let anyone change.",
  invalidValue: "A value sent does not meet the app's rules; check the field mapping for this user.",
  invalidSyntax: "The app could not read the request; check the field mapping for this user.",
  invalidPath: "The app does not know one of the attributes sent; check the field mapping.",
  noTarget: "The attribute to change does not exist on this resource in the app.",
  tooMany: "The search matched too many resources for the app to answer.",
};

// The same words for a group would send the admin to a user's field mapping.
const GROUP_SCIM_TYPE_HINTS: Record<string, string> = {
  ...SCIM_TYPE_HINTS,
  invalidValue: "The app does not accept this change to the group (its name or its members).",
  invalidSyntax: "The app could not read the request for this group.",
};

/** Turns a non-2xx answer into a typed error. Classification uses the status number and the body's fields, never text. */
export function classifyFailedAnswer(answer: FailedAnswer): ScimError {
  const parsed = errorBodySchema.safeParse(answer.json);
  const body = parsed.success ? parsed.data : {};
  const detail = truncate(body.detail ?? body.message ?? body.error);
  const scimType = body.scimType ?? body.scimErrorType;
  const host = new URL(answer.url).host;
  const { status } = answer;
  const common = { status, scimType, detail, method: answer.method, url: answer.url } satisfies Partial<ScimErrorInit>;
  const because = detail ? `: ${withFullStop(detail)}` : ".";

  // Atlassian refuses a token with a non-SCIM `{error, traceId}`. A SCIM error body refusing a change
  // to one group means that group is not ours to change (made outside SCIM), not that the token is bad.
  const isScimErrorBody = body.schemas?.includes(ERROR_SCHEMA) === true;
  if (status === 403 && isScimErrorBody && WRITE_METHODS.has(answer.method) && GROUP_RESOURCE_PATH.test(new URL(answer.url).pathname)) {
    return new ScimError({
      ...common,
      kind: "forbidden",
      message: `${host} does not let Roster change this group (HTTP 403)${because} The group is managed in the app itself, not over SCIM: change it there, or push a group with another name.`,
    });
  }
  if (status === 401 || status === 403) {
    const message =
      status === 401
        ? `${host} rejected the SCIM token (HTTP 401). It may be wrong, expired or regenerated: create a new API key in the app and paste it into the SCIM Token field.`
        : `${host} refused this request with the SCIM token (HTTP 403). Check that the API key belongs to this directory and may manage users and groups.`;
    return new ScimError({ ...common, kind: "unauthorized", traceId: body.traceId, message });
  }
  if (status === 404) {
    return new ScimError({
      ...common,
      kind: "notFound",
      message: `${host} has nothing at ${answer.method} ${new URL(answer.url).pathname} (HTTP 404). The user or group may have been deleted in the app; if every request fails like this, check the Sync endpoint URL.`,
    });
  }
  if (status === 409) {
    return new ScimError({
      ...common,
      kind: "conflict",
      message: `${host} already has a resource with the same unique values (HTTP 409)${because} Link the existing account, or free the user name or e-mail in the app.`,
    });
  }
  if (status === 429) {
    const retryAfterMs = parseRetryAfterMs(answer.headers, answer.nowMs);
    const wait = retryAfterMs === undefined ? "Try again later." : `Try again in ${Math.ceil(retryAfterMs / 1000)} s.`;
    return new ScimError({
      ...common,
      kind: "rateLimited",
      retryAfterMs,
      message: `${host} is limiting how many requests Roster may send (HTTP 429). ${wait}`,
    });
  }
  if (status === 501 || status === 505) {
    return new ScimError({
      ...common,
      kind: "badRequest",
      message: `${host} does not support this operation (HTTP ${status})${because}`,
    });
  }
  if (status >= 500 && status <= 599) {
    return new ScimError({
      ...common,
      kind: "transient",
      // 503 often comes with Retry-After; honouring it is cheaper than guessing.
      retryAfterMs: parseRetryAfterMs(answer.headers, answer.nowMs),
      message: `${host} had a problem on its side (HTTP ${status})${because} This is usually temporary; try again in a few minutes.`,
    });
  }
  if (status >= 400 && status <= 499) {
    const hints = /\/Groups(\/[^/]+)?$/.test(new URL(answer.url).pathname) ? GROUP_SCIM_TYPE_HINTS : SCIM_TYPE_HINTS;
    const hint = scimType ? hints[scimType] : undefined;
    return new ScimError({
      ...common,
      kind: "badRequest",
      message: `${host} refused the request (HTTP ${status}${scimType ? `, ${scimType}` : ""})${because}${hint ? ` ${hint}` : ""}`,
    });
  }
  return new ScimError({
    ...common,
    kind: "invalidResponse",
    message: `${host} answered with HTTP ${status}, which is not a SCIM answer. Check the Sync endpoint URL.`,
  });
}

function withFullStop(text: string): string {
  return /[.!?…]$/.test(text) ? text : `${text}.`;
}

function truncate(text: string | undefined): string | undefined {
  const trimmed = text?.trim();
  if (!trimmed) return undefined;
  return trimmed.length > MAX_DETAIL_LENGTH ? `${trimmed.slice(0, MAX_DETAIL_LENGTH)}…` : trimmed;
}
