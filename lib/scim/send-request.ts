import type { BearerToken } from "./bearer-token.ts";
import { classifyNetworkError, type NetworkFailure } from "./classify-network-error.ts";
import { classifyFailedAnswer } from "./classify-response.ts";
import type { Exchange, HeaderReader, RawAnswer } from "./exchange.ts";
import { ScimError } from "./scim-error.ts";

export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

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

export interface Timeouts {
  /** To open a new connection (TCP, not TLS). A connection that never opened cannot have changed anything, so even creates retry after it. */
  connectMs: number;
  /** From sending until the status line and headers arrive: connecting, the TLS handshake and the server's own work. */
  headersMs: number;
  /** The whole exchange, body included, so that a server trickling bytes cannot hold a worker forever. */
  totalMs: number;
}

export interface TransportOptions {
  baseUrl: URL;
  token: BearerToken;
  timeouts: Timeouts;
  maxBodyBytes: number;
  exchange: Exchange;
}

const JSON_CONTENT_TYPE = /^application\/(scim\+)?json\b|\+json\b/i;
const HTML_START = /^\s*</;

/**
 * Sends one HTTP request and returns the parsed JSON of a 2xx answer; everything else becomes a
 * ScimError. Redirects are never followed: the Authorization header would go along, and a SCIM
 * base URL that redirects is a configuration mistake the admin should fix, not hide.
 */
export function createTransport(options: TransportOptions): (request: ScimRequest) => Promise<ScimAnswer> {
  const base = options.baseUrl.href.replace(/\/+$/, "");
  const { timeouts } = options;

  return async function send(request) {
    const url = `${base}${request.path}${formatQuery(request.query)}`;
    const context = { method: request.method, url: `${base}${request.path}` };
    const controller = new AbortController();
    let phase: Phase = "headers";
    let timedOut: NetworkFailure["timeout"];
    const abortAfter = (ms: number, which?: Phase) =>
      setTimeout(() => {
        timedOut = { phase: which ?? phase, afterMs: ms };
        controller.abort(new Error(`Timed out after ${ms} ms`));
      }, ms);
    let connectTimer: NodeJS.Timeout | undefined;
    const headersTimer = abortAfter(timeouts.headersMs, "headers");
    const totalTimer = abortAfter(timeouts.totalMs);

    try {
      let answer: RawAnswer;
      try {
        answer = await options.exchange({
          url,
          method: request.method,
          headers: buildHeaders(options.token, request.body !== undefined),
          body: request.body === undefined ? undefined : JSON.stringify(request.body),
          signal: controller.signal,
          maxBodyBytes: options.maxBodyBytes,
          onConnecting: () => {
            phase = "connect";
            connectTimer = abortAfter(timeouts.connectMs, "connect");
          },
          onConnected: () => {
            phase = "headers";
            clearTimeout(connectTimer);
          },
          onHeaders: () => {
            phase = "body";
            clearTimeout(headersTimer);
          },
        });
      } catch (error) {
        throw classifyNetworkError({ error, ...context, timeout: timedOut });
      }
      if (answer.status >= 300 && answer.status <= 399) throw redirectError(answer, context);
      if (answer.text === undefined) {
        throw new ScimError({
          ...context,
          kind: "invalidResponse",
          status: answer.status,
          message: `${hostOf(url)} sent an answer larger than ${formatBytes(options.maxBodyBytes)}, which is not a SCIM answer. Check the Sync endpoint URL.`,
        });
      }
      return interpret(answer.status, answer.headers, answer.text, context);
    } finally {
      clearTimeout(connectTimer);
      clearTimeout(headersTimer);
      clearTimeout(totalTimer);
    }
  };
}

type Phase = NonNullable<NetworkFailure["timeout"]>["phase"];

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
