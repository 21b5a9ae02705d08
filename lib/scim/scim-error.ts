/**
 * What went wrong, in terms a caller can act on:
 * - `unreachable`: no HTTP answer at all (refused, reset, DNS). Usually retryable.
 * - `tls`: the secure connection failed (untrusted or wrong certificate). Retrying will not help.
 * - `timeout`: no (complete) answer in time. The request may still have been carried out.
 * - `unauthorized`: 401/403, the token is wrong, expired or lacks the right.
 * - `forbidden`: 403 with a SCIM error body on a change to one group: the token is fine, but this
 *   group may not be changed over SCIM (Atlassian: a group made in the admin UI). Only that group is
 *   affected; it says nothing about the app's other resources.
 * - `notFound`: 404, the resource (or the directory in the URL) does not exist.
 * - `conflict`: 409, usually scimType `uniqueness`: the user or group already exists.
 * - `rateLimited`: 429, see `retryAfterMs`.
 * - `transient`: a 5xx the app says may pass (500, 502, 503, 504).
 * - `badRequest`: the app refused this request (other 4xx, 501): retrying the same request is pointless.
 * - `invalidResponse`: the answer is not SCIM (a web page, broken JSON, a missing id, too large, a redirect).
 */
export type ScimErrorKind =
  "unreachable" | "tls" | "timeout" | "unauthorized" | "forbidden" | "notFound" | "conflict" | "rateLimited" | "transient" | "badRequest" | "invalidResponse";

const RETRYABLE_KINDS: ReadonlySet<ScimErrorKind> = new Set(["unreachable", "timeout", "rateLimited", "transient"]);

export interface ScimErrorInit {
  kind: ScimErrorKind;
  /** Plain words for an administrator: what is wrong and what to do. */
  message: string;
  /** Overrides the default of the kind (for example, an unknown host name is `unreachable` but not worth retrying). */
  retryable?: boolean;
  status?: number;
  scimType?: string;
  detail?: string;
  traceId?: string;
  retryAfterMs?: number;
  /** The network error code (`ECONNREFUSED`, `CERT_HAS_EXPIRED`…) when there was no HTTP answer. */
  code?: string;
  method?: string;
  /** The request URL without its query string (filters carry user names and e-mails). */
  url?: string;
  cause?: unknown;
}

export class ScimError extends Error {
  override readonly name = "ScimError";
  readonly kind: ScimErrorKind;
  readonly retryable: boolean;
  readonly status?: number;
  readonly scimType?: string;
  readonly detail?: string;
  readonly traceId?: string;
  readonly retryAfterMs?: number;
  readonly code?: string;
  readonly method?: string;
  readonly url?: string;

  constructor(init: ScimErrorInit) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.kind = init.kind;
    this.retryable = init.retryable ?? RETRYABLE_KINDS.has(init.kind);
    this.status = init.status;
    this.scimType = init.scimType;
    this.detail = init.detail;
    this.traceId = init.traceId;
    this.retryAfterMs = init.retryAfterMs;
    this.code = init.code;
    this.method = init.method;
    this.url = init.url;
  }

  /** What a log line or an `Operation` row should keep; the cause is left out because it is not ours to serialise. */
  toJSON(): Omit<ScimErrorInit, "cause"> & { name: string; retryable: boolean } {
    return {
      name: this.name,
      kind: this.kind,
      message: this.message,
      retryable: this.retryable,
      status: this.status,
      scimType: this.scimType,
      detail: this.detail,
      traceId: this.traceId,
      retryAfterMs: this.retryAfterMs,
      code: this.code,
      method: this.method,
      url: this.url,
    };
  }
}

export function isScimError(error: unknown): error is ScimError {
  return error instanceof ScimError;
}
