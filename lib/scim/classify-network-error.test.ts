import { describe, expect, it } from "vitest";
import { classifyNetworkError, findErrorCode } from "./classify-network-error.ts";

const URL_ = "https://api.example.com/scim/directory/d1/Users";

/** The shape undici's fetch rejects with: a TypeError whose cause carries the system error code. */
function fetchFailed(code: string | undefined, message = "boom"): TypeError {
  return new TypeError("fetch failed", { cause: Object.assign(new Error(message), code === undefined ? {} : { code }) });
}

describe("classifyNetworkError", () => {
  it.each([
    ["ECONNREFUSED", "unreachable", true, /connection was refused/],
    ["ECONNRESET", "unreachable", true, /connection was reset/],
    ["UND_ERR_SOCKET", "unreachable", true, /closed before the answer was complete/],
    ["EAI_AGAIN", "unreachable", true, /could not be looked up right now/],
    ["ENOTFOUND", "unreachable", false, /host name does not exist/],
    ["EHOSTUNREACH", "unreachable", true, /cannot be reached/],
    ["UND_ERR_CONNECT_TIMEOUT", "timeout", true, /^The app answered too slowly: .*did not answer in time/],
    ["ETIMEDOUT", "timeout", true, /^The app answered too slowly: .*did not answer in time/],
    ["UND_ERR_HEADERS_TIMEOUT", "timeout", true, /^The app answered too slowly: .*did not answer in time/],
    ["CERT_HAS_EXPIRED", "tls", false, /certificate is not trusted/],
    ["CERT_NOT_YET_VALID", "tls", false, /secure connection/],
    ["UNABLE_TO_VERIFY_LEAF_SIGNATURE", "tls", false, /secure connection/],
    ["DEPTH_ZERO_SELF_SIGNED_CERT", "tls", false, /secure connection/],
    ["SELF_SIGNED_CERT_IN_CHAIN", "tls", false, /secure connection/],
    ["ERR_TLS_CERT_ALTNAME_INVALID", "tls", false, /secure connection/],
    ["ERR_SSL_WRONG_VERSION_NUMBER", "tls", false, /does not speak HTTPS/],
    ["EWHATEVER", "unreachable", true, /the request failed \(boom\)/],
  ])("classifies %s as %s (retryable: %s)", (code, kind, retryable, message) => {
    const error = classifyNetworkError({ error: fetchFailed(code), method: "GET", url: URL_ });
    expect(error).toMatchObject({ kind, retryable, code, method: "GET", url: URL_ });
    expect(error.message).toMatch(message);
    expect(error.message).toContain("api.example.com");
  });

  it("treats an error without a code as a local failure that will not pass by retrying", () => {
    const error = classifyNetworkError({ error: fetchFailed(undefined, "bad port"), method: "GET", url: URL_ });
    expect(error).toMatchObject({ kind: "unreachable", retryable: false, code: undefined });
    expect(error.message).toContain("bad port");
  });

  it("finds the code inside the AggregateError of a happy-eyeballs connect", () => {
    const attempts = [Object.assign(new Error("v6"), { code: "ECONNREFUSED" }), Object.assign(new Error("v4"), { code: "ECONNREFUSED" })];
    const error = classifyNetworkError({ error: new TypeError("fetch failed", { cause: new AggregateError(attempts) }), method: "GET", url: URL_ });
    expect(error).toMatchObject({ kind: "unreachable", code: "ECONNREFUSED", retryable: true });
  });

  it.each([
    ["connect", 5000, /^The app answered too slowly: Roster could not connect to api\.example\.com within 5 s\./, "CONNECT_TIMEOUT"],
    ["headers", 1500, /^The app answered too slowly: api\.example\.com did not start answering POST \/scim\/directory\/d1\/Users within 1\.5 s\./, undefined],
    ["body", 250, /^The app answered too slowly: api\.example\.com stopped sending its answer to POST \/scim\/directory\/d1\/Users for 250 ms\./, undefined],
    ["total", 30_000, /^The app answered too slowly: no complete answer to POST \/scim\/directory\/d1\/Users from api\.example\.com within 30 s\./, undefined],
  ] as const)("reports a %s timeout in plain words", (phase, afterMs, message, code) => {
    const error = classifyNetworkError({ error: new Error("aborted"), method: "POST", url: URL_, timeout: { phase, afterMs } });
    expect(error).toMatchObject({ kind: "timeout", retryable: true, code });
    expect(error.message).toMatch(message);
  });

  it.each([
    ["a plain value", "nope", undefined],
    ["a direct code", Object.assign(new Error(), { code: "EPIPE" }), "EPIPE"],
    ["a nested cause", new Error("a", { cause: new Error("b", { cause: Object.assign(new Error(), { code: "ECONNRESET" }) }) }), "ECONNRESET"],
    ["a non-string code", Object.assign(new Error(), { code: 42 }), undefined],
  ])("findErrorCode reads %s", (_, error, expected) => {
    expect(findErrorCode(error)).toBe(expected);
  });
});
