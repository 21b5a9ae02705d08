import { describe, expect, it } from "vitest";
import { parseRateLimitResetHeader, parseRetryAfterHeader, parseRetryAfterMs } from "./parse-retry-after.ts";

const NOW = Date.parse("2025-03-01T12:00:00Z");

describe("parseRetryAfterHeader", () => {
  it.each([
    ["whole seconds", "1", 1000],
    ["zero", "0", 0],
    ["seconds with spaces", "  120 ", 120_000],
    ["an IMF-fixdate", "Sat, 01 Mar 2025 12:00:30 GMT", 30_000],
    ["an RFC 850 date", "Saturday, 01-Mar-25 12:01:00 GMT", 60_000],
    ["an asctime date", "Sat Mar  1 12:00:05 2025", 5_000],
    ["a date in the past", "Sat, 01 Mar 2025 11:00:00 GMT", 0],
    ["nothing", null, undefined],
    ["an empty value", "", undefined],
    ["a negative number", "-5", undefined],
    ["a decimal", "1.5", undefined],
    ["garbage", "soon", undefined],
    ["an impossible date", "Mon, 99 Foo 2025 99:99:99 GMT", undefined],
  ])("reads %s", (_, value, expected) => {
    expect(parseRetryAfterHeader(value, NOW)).toBe(expected);
  });
});

describe("parseRateLimitResetHeader", () => {
  it.each([
    ["an ISO 8601 instant (Atlassian)", "2025-03-01T12:00:10Z", 10_000],
    ["an ISO 8601 instant with an offset", "2025-03-01T13:00:10+01:00", 10_000],
    ["an ISO 8601 instant with milliseconds", "2025-03-01T12:00:00.250Z", 250],
    ["Unix seconds", String(NOW / 1000 + 42), 42_000],
    ["Unix seconds with a fraction", String(NOW / 1000 + 1.5), 1_500],
    ["Unix seconds in the past", String(NOW / 1000 - 60), 0],
    ["seconds from now", "30", 30_000],
    ["nothing", null, undefined],
    ["garbage", "tomorrow", undefined],
    ["a date without time", "2025-03-02", undefined],
  ])("reads %s", (_, value, expected) => {
    expect(parseRateLimitResetHeader(value, NOW)).toBe(expected);
  });
});

describe("parseRetryAfterMs", () => {
  it.each([
    ["Retry-After wins over X-RateLimit-Reset", { "retry-after": "2", "x-ratelimit-reset": "2025-03-01T12:01:00Z" }, 2_000],
    ["X-RateLimit-Reset is the fallback", { "x-ratelimit-reset": "2025-03-01T12:01:00Z" }, 60_000],
    ["an unreadable Retry-After falls back", { "retry-after": "later", "x-ratelimit-reset": "5" }, 5_000],
    ["no headers", {}, undefined],
  ])("%s", (_, headers, expected) => {
    expect(parseRetryAfterMs(new Headers(headers), NOW)).toBe(expected);
  });
});
