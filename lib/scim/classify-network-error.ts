import { ADDRESS_REFUSED } from "./address-refused-error.ts";
import { ScimError } from "./scim-error.ts";

/**
 * What was being waited for when time ran out: a connection, the answer's headers, the next piece
 * of its body, or (`total`) the whole answer by the attempt's deadline.
 */
export type TimeoutPhase = "connect" | "headers" | "body" | "total";

export interface NetworkFailure {
  /** What the transport threw; the system error code may sit along its cause chain. */
  error: unknown;
  method: string;
  url: string;
  /** Set when a timeout ended the request, whether undici's own or the attempt's deadline. */
  timeout?: { phase: TimeoutPhase; afterMs: number };
}

/** How every timeout's message starts, whatever the phase, so that a log or a person can tell slowness at a glance. */
export const TOO_SLOW = "The app answered too slowly";

interface Reason {
  text: string;
  retryable: boolean;
}

const UNREACHABLE: Record<string, Reason> = {
  ECONNREFUSED: { text: "the connection was refused", retryable: true },
  ECONNRESET: { text: "the connection was reset", retryable: true },
  EPIPE: { text: "the connection was closed while sending", retryable: true },
  UND_ERR_SOCKET: { text: "the connection was closed before the answer was complete", retryable: true },
  UND_ERR_CLOSED: { text: "the connection was closed", retryable: true },
  EHOSTUNREACH: { text: "the host cannot be reached", retryable: true },
  ENETUNREACH: { text: "the network cannot be reached", retryable: true },
  EAI_AGAIN: { text: "the host name could not be looked up right now", retryable: true },
  // A host name that does not exist will not appear by retrying: fail fast so the admin fixes the URL.
  ENOTFOUND: { text: "the host name does not exist", retryable: false },
};

const TIMEOUT_CODES = new Set(["ETIMEDOUT", "UND_ERR_CONNECT_TIMEOUT", "UND_ERR_HEADERS_TIMEOUT", "UND_ERR_BODY_TIMEOUT"]);

const TLS_CODES = new Set([
  "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
  "UNABLE_TO_GET_ISSUER_CERT",
  "UNABLE_TO_GET_ISSUER_CERT_LOCALLY",
  "DEPTH_ZERO_SELF_SIGNED_CERT",
  "SELF_SIGNED_CERT_IN_CHAIN",
  "EPROTO",
]);

/** Our code for a connection that did not open in time, whichever transport noticed. */
export const CONNECT_TIMEOUT = "CONNECT_TIMEOUT";

/**
 * Requests where a connection is known never to have been made: the server cannot have acted,
 * so even a create may be sent again. Every other network failure leaves that question open.
 */
export const NEVER_CONNECTED_CODES: ReadonlySet<string> = new Set([
  ADDRESS_REFUSED,
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "UND_ERR_CONNECT_TIMEOUT",
  CONNECT_TIMEOUT,
]);

/** Turns a request that got no HTTP answer into a typed error with the system error code kept. */
export function classifyNetworkError(failure: NetworkFailure): ScimError {
  const { method, url } = failure;
  const host = new URL(url).host;
  const request = { method, url, cause: failure.error };

  if (failure.timeout) {
    const { phase, afterMs } = failure.timeout;
    const seconds = formatSeconds(afterMs);
    const what = `${method} ${new URL(url).pathname}`;
    if (phase === "connect") {
      return new ScimError({
        ...request,
        kind: "timeout",
        code: CONNECT_TIMEOUT,
        message: `${TOO_SLOW}: Roster could not connect to ${host} within ${seconds}. Check the Sync endpoint URL and that the app is online.`,
      });
    }
    const happened = {
      headers: `${host} did not start answering ${what} within ${seconds}`,
      body: `${host} stopped sending its answer to ${what} for ${seconds}`,
      total: `no complete answer to ${what} from ${host} within ${seconds}`,
    }[phase];
    return new ScimError({ ...request, kind: "timeout", message: `${TOO_SLOW}: ${happened}. It may be overloaded or down; try again later.` });
  }

  const code = findErrorCode(failure.error);
  if (code === ADDRESS_REFUSED) {
    // The client's lookup refused the address before any connection: its message already says why and what to do.
    return new ScimError({
      ...request,
      kind: "unreachable",
      code,
      retryable: false,
      message: refusalMessage(failure.error) ?? `Roster refused to connect to ${host}.`,
    });
  }
  if (code !== undefined && TIMEOUT_CODES.has(code)) {
    return new ScimError({
      ...request,
      kind: "timeout",
      code,
      message: `${TOO_SLOW}: ${host} did not answer in time (${code}). It may be overloaded or down; try again later.`,
    });
  }
  if (code !== undefined && isTlsCode(code)) {
    return new ScimError({
      ...request,
      kind: "tls",
      code,
      message: `The secure connection to ${host} failed (${code}): its certificate is not trusted or the address does not speak HTTPS. Check that the Sync endpoint URL is the app's real address.`,
    });
  }
  const reason = code === undefined ? undefined : UNREACHABLE[code];
  return new ScimError({
    ...request,
    kind: "unreachable",
    code,
    // Without a code this is not a network failure but a local one (a malformed request), which repeats.
    retryable: reason?.retryable ?? code !== undefined,
    message: `Roster could not reach ${host}: ${reason?.text ?? describeUnknown(failure.error)}. Check the Sync endpoint URL and that the app is online.`,
  });
}

function isTlsCode(code: string): boolean {
  return TLS_CODES.has(code) || code.startsWith("CERT_") || code.startsWith("ERR_TLS_") || code.startsWith("ERR_SSL_");
}

/** The first `code` along the cause chain; happy-eyeballs connects report an AggregateError of attempts. */
export function findErrorCode(error: unknown, depth = 0): string | undefined {
  if (depth > 5 || typeof error !== "object" || error === null) return undefined;
  const { code, cause, errors } = error as { code?: unknown; cause?: unknown; errors?: unknown };
  if (typeof code === "string") return code;
  const fromCause = findErrorCode(cause, depth + 1);
  if (fromCause !== undefined) return fromCause;
  return Array.isArray(errors) ? errors.map((inner) => findErrorCode(inner, depth + 1)).find(Boolean) : undefined;
}

/** The message of the error that carries ADDRESS_REFUSED, wherever it is along the cause chain. */
function refusalMessage(error: unknown, depth = 0): string | undefined {
  if (depth > 5 || !(error instanceof Error)) return undefined;
  if ((error as { code?: unknown }).code === ADDRESS_REFUSED) return error.message;
  return refusalMessage(error.cause, depth + 1);
}

function describeUnknown(error: unknown): string {
  const innermost = innermostMessage(error);
  return innermost ? `the request failed (${innermost})` : "the request failed";
}

function innermostMessage(error: unknown, depth = 0): string | undefined {
  if (!(error instanceof Error) || depth > 5) return undefined;
  return innermostMessage(error.cause, depth + 1) ?? error.message;
}

function formatSeconds(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${Math.round(ms / 100) / 10} s`;
}
