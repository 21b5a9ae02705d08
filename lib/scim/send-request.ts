import { EventEmitter } from "node:events";
import type { BearerToken } from "./bearer-token.ts";
import { classifyNetworkError, findErrorCode, type TimeoutPhase } from "./classify-network-error.ts";
import { classifyFailedAnswer } from "./classify-response.ts";
import type { Exchange, HeaderReader, HttpMethod, RawAnswer } from "./exchange.ts";
import { ScimError } from "./scim-error.ts";

export type { HttpMethod } from "./exchange.ts";

export interface ScimRequest {
  method: HttpMethod;
  /** Relative to the base URL, starting with "/". Path segments must already be encoded. */
  path: string;
  query?: Record<string, string | number | undefined>;
  body?: unknown;
}

export interface ScimAnswer {
  status: number;
  /** The parsed body; undefined for 204 and other empty answers. */
  json: unknown;
  /** The request URL without its query string, for error messages. */
  url: string;
}

/**
 * undici enforces the connect, headers and body timeouts on its own coarse clock (a tick every
 * half second), so they may end up to about a second late; `totalMs` is a plain timer.
 */
export interface Timeouts {
  /**
   * To open a new connection, TCP and (for https) TLS; the client's `lookup`, when it has one, runs
   * before and is not counted. A connection that never opened cannot have changed anything, so
   * even creates retry after it.
   */
  connectMs: number;
  /** From writing the request on an open connection until the status line and headers arrive: the server's own work. */
  headersMs: number;
  /**
   * The longest pause between two pieces of the body. It starts again with every piece, so on its
   * own it cannot stop a server that trickles its answer: `totalMs` does.
   */
  bodyMs: number;
  /**
   * Each attempt from start to finish (connecting, waiting, the whole body), so that a server
   * trickling bytes cannot hold a worker for ever. Nothing extends it.
   */
  totalMs: number;
}

export interface TransportOptions {
  baseUrl: URL;
  token: BearerToken;
  timeouts: Timeouts;
  /** The exchange's size limit, for the error that reports an answer past it. */
  maxBodyBytes: number;
  exchange: Exchange;
}

const JSON_CONTENT_TYPE = /^application\/(scim\+)?json\b|\+json\b/i;
const HTML_START = /^\s*</;

/** undici's own timeout errors, by what was being waited for. */
const TIMEOUT_PHASES: Readonly<Record<string, Exclude<TimeoutPhase, "total">>> = {
  UND_ERR_CONNECT_TIMEOUT: "connect",
  UND_ERR_HEADERS_TIMEOUT: "headers",
  UND_ERR_BODY_TIMEOUT: "body",
};
const TOO_LARGE = "UND_ERR_RES_EXCEEDED_MAX_SIZE";

/**
 * Sends one HTTP request and returns the parsed JSON of a 2xx answer; everything else becomes a
 * ScimError. Redirects are never followed: the Authorization header would go along, and a SCIM
 * base URL that redirects is a configuration mistake the admin should fix, not hide.
 */
export function createTransport(options: TransportOptions): (request: ScimRequest) => Promise<ScimAnswer> {
  const base = options.baseUrl.href.replace(/\/+$/, "");
  const basePath = options.baseUrl.pathname.replace(/\/+$/, "");
  const { timeouts } = options;
  const phaseMs: Record<TimeoutPhase, number> = { connect: timeouts.connectMs, headers: timeouts.headersMs, body: timeouts.bodyMs, total: timeouts.totalMs };
  // The same two header sets for every request of this client (the token does not change while it lives).
  const headersWithBody = buildHeaders(options.token, true);
  const headersWithoutBody = buildHeaders(options.token, false);

  return async function send(request) {
    const context = { method: request.method, url: `${base}${request.path}` };
    const abort = new EventEmitter();
    let pastDeadline = false;
    const deadline = setTimeout(() => {
      pastDeadline = true;
      abort.emit("abort");
    }, timeouts.totalMs);

    try {
      let answer: RawAnswer;
      try {
        answer = await options.exchange.send({
          path: `${basePath}${request.path}${formatQuery(request.query)}`,
          method: request.method,
          headers: request.body === undefined ? headersWithoutBody : headersWithBody,
          body: request.body === undefined ? undefined : JSON.stringify(request.body),
          signal: abort,
        });
      } catch (error) {
        const code = findErrorCode(error);
        if (!pastDeadline && code === TOO_LARGE) throw tooLargeError(context, options.maxBodyBytes);
        const phase = pastDeadline ? "total" : code === undefined ? undefined : TIMEOUT_PHASES[code];
        throw classifyNetworkError({ error, ...context, timeout: phase && { phase, afterMs: phaseMs[phase] } });
      }
      if (answer.status >= 300 && answer.status <= 399) throw redirectError(answer, context);
      return interpret(answer.status, answer.headers, answer.text, context);
    } finally {
      clearTimeout(deadline);
    }
  };
}

function tooLargeError(context: { method: string; url: string }, maxBodyBytes: number): ScimError {
  return new ScimError({
    ...context,
    kind: "invalidResponse",
    message: `${hostOf(context.url)} sent an answer larger than ${formatBytes(maxBodyBytes)}, which is not a SCIM answer. Check the Sync endpoint URL.`,
  });
}

function buildHeaders(token: BearerToken, hasBody: boolean): Record<string, string> {
  const headers: Record<string, string> = {
    authorization: `Bearer ${token.reveal()}`,
    accept: "application/scim+json, application/json",
  };
  if (hasBody) headers["content-type"] = "application/scim+json";
  return headers;
}

function interpret(status: number, headers: HeaderReader, text: string, context: { method: string; url: string }): ScimAnswer {
  const contentType = headers.get("content-type") ?? "";
  const looksLikeHtml = /html/i.test(contentType) || HTML_START.test(text);
  // Content types are often wrong in both directions, so the body decides when the header does not say JSON.
  const json = text.trim() === "" || looksLikeHtml ? undefined : parseJson(text);

  if (status < 200 || status > 299) {
    throw classifyFailedAnswer({ status, headers, json, nowMs: Date.now(), ...context });
  }
  if (looksLikeHtml) {
    throw new ScimError({
      ...context,
      kind: "invalidResponse",
      status,
      message: `${hostOf(context.url)} answered with a web page, not SCIM. Check the Sync endpoint URL: it should be the SCIM base URL the app shows, not its sign-in or admin page.`,
    });
  }
  if (text.trim() !== "" && json === undefined) {
    const claimed = JSON_CONTENT_TYPE.test(contentType) ? "broken JSON" : `"${contentType || "no content type"}"`;
    throw new ScimError({
      ...context,
      kind: "invalidResponse",
      status,
      message: `${hostOf(context.url)} answered with ${claimed} instead of SCIM JSON. Check the Sync endpoint URL.`,
    });
  }
  return { status, json, url: context.url };
}

function redirectError(answer: RawAnswer, context: { method: string; url: string }): ScimError {
  const from = new URL(context.url);
  const location = answer.headers.get("location");
  const target = location === null ? null : URL.parse(location, from);
  const message =
    target === null
      ? `${from.host} answered with a redirect (HTTP ${answer.status}) without saying where to. Check the Sync endpoint URL.`
      : target.origin === from.origin
        ? `${from.host} redirected the request to ${target.pathname} (HTTP ${answer.status}). Roster does not follow redirects; enter the final address as the Sync endpoint URL.`
        : `${from.host} redirected the request to another site, ${target.origin} (HTTP ${answer.status}). Roster never sends the SCIM token to a different site; if that site is right, enter its address as the Sync endpoint URL.`;
  return new ScimError({ ...context, kind: "invalidResponse", status: answer.status, message });
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function formatQuery(query: ScimRequest["query"]): string {
  if (!query) return "";
  // encodeURIComponent, not URLSearchParams: the latter writes spaces as "+", which some servers keep literally.
  const pairs = Object.entries(query)
    .filter((entry): entry is [string, string | number] => entry[1] !== undefined)
    .map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`);
  return pairs.length === 0 ? "" : `?${pairs.join("&")}`;
}

function hostOf(url: string): string {
  return new URL(url).host;
}

function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${Math.round(bytes / 1024 / 1024)} MB` : `${Math.round(bytes / 1024)} KB`;
}
