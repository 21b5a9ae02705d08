import type { HeaderReader } from "./exchange.ts";

const DIGITS = /^\d+$/;
const DECIMAL = /^\d+(\.\d+)?$/;
// All three HTTP-date forms (IMF-fixdate, RFC 850, asctime) start with a day name. Requiring it keeps
// Date.parse from reading something like "1.5" as a calendar date.
const HTTP_DATE = /^(mon|tue|wed|thu|fri|sat|sun)/i;
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T/;
// No rate-limit window is 30 years long, so a smaller number is a delay in seconds, not a Unix time.
const SMALLEST_EPOCH_SECONDS = 1_000_000_000;

/**
 * How long the server asked us to wait, in milliseconds, or undefined when it did not say.
 * `Retry-After` wins; `X-RateLimit-Reset` (Atlassian's admin APIs) is the fallback.
 */
export function parseRetryAfterMs(headers: HeaderReader, nowMs: number): number | undefined {
  return parseRetryAfterHeader(headers.get("retry-after"), nowMs) ?? parseRateLimitResetHeader(headers.get("x-ratelimit-reset"), nowMs);
}

/** RFC 9110 §10.2.3: either a whole number of seconds or an HTTP date. */
export function parseRetryAfterHeader(value: string | null, nowMs: number): number | undefined {
  const text = value?.trim();
  if (!text) return undefined;
  if (DIGITS.test(text)) return Number(text) * 1000;
  return HTTP_DATE.test(text) ? untilInstant(Date.parse(text), nowMs) : undefined;
}

/** An ISO 8601 instant (Atlassian), Unix time in seconds (GitHub and others), or seconds from now. */
export function parseRateLimitResetHeader(value: string | null, nowMs: number): number | undefined {
  const text = value?.trim();
  if (!text) return undefined;
  if (DECIMAL.test(text)) {
    const seconds = Number(text);
    return seconds >= SMALLEST_EPOCH_SECONDS ? untilInstant(seconds * 1000, nowMs) : Math.ceil(seconds * 1000);
  }
  return ISO_INSTANT.test(text) ? untilInstant(Date.parse(text), nowMs) : undefined;
}

function untilInstant(instantMs: number, nowMs: number): number | undefined {
  if (Number.isNaN(instantMs)) return undefined;
  return Math.max(0, Math.ceil(instantMs - nowMs));
}
