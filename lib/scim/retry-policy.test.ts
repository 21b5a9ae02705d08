import { describe, expect, it, vi } from "vitest";
import { isWorthRetrying, mayHaveTakenEffect, resolveRetryPolicy, withRetries, type RetryEvent } from "./retry-policy.ts";
import { ScimError, type ScimErrorInit } from "./scim-error.ts";

const error = (init: Partial<ScimErrorInit> & Pick<ScimErrorInit, "kind">) => new ScimError({ message: "x", ...init });
const fast = resolveRetryPolicy({ retries: 3, minTimeoutMs: 1, maxTimeoutMs: 2 });

describe("mayHaveTakenEffect", () => {
  it.each([
    [error({ kind: "rateLimited", status: 429 }), false],
    [error({ kind: "transient", status: 503 }), false],
    [error({ kind: "transient", status: 500 }), true],
    [error({ kind: "transient", status: 502 }), true],
    [error({ kind: "transient", status: 504 }), true],
    [error({ kind: "unreachable", code: "ECONNREFUSED" }), false],
    [error({ kind: "unreachable", code: "EAI_AGAIN" }), false],
    [error({ kind: "unreachable", code: "ECONNRESET" }), true],
    [error({ kind: "unreachable", code: "UND_ERR_SOCKET" }), true],
    [error({ kind: "timeout" }), true],
    [error({ kind: "timeout", code: "UND_ERR_CONNECT_TIMEOUT" }), false],
    [error({ kind: "timeout", code: "CONNECT_TIMEOUT" }), false],
  ])("%o → %s", (failure, expected) => {
    expect(mayHaveTakenEffect(failure)).toBe(expected);
  });
});

describe("isWorthRetrying", () => {
  const ambiguousCreates = resolveRetryPolicy({ retryAmbiguousCreates: true });
  it.each([
    ["a 503 GET", error({ kind: "transient", status: 503 }), true, fast, true],
    ["a 500 GET", error({ kind: "transient", status: 500 }), true, fast, true],
    ["a timed-out GET", error({ kind: "timeout" }), true, fast, true],
    ["a 429 create", error({ kind: "rateLimited", status: 429 }), false, fast, true],
    ["a 503 create", error({ kind: "transient", status: 503 }), false, fast, true],
    ["a refused create", error({ kind: "unreachable", code: "ECONNREFUSED" }), false, fast, true],
    ["a 500 create", error({ kind: "transient", status: 500 }), false, fast, false],
    ["a timed-out create", error({ kind: "timeout" }), false, fast, false],
    ["a create that could not connect in time", error({ kind: "timeout", code: "CONNECT_TIMEOUT" }), false, fast, true],
    ["a reset create", error({ kind: "unreachable", code: "ECONNRESET" }), false, fast, false],
    ["a timed-out create when allowed", error({ kind: "timeout" }), false, ambiguousCreates, true],
    ["a 400", error({ kind: "badRequest", status: 400 }), true, fast, false],
    ["a 401", error({ kind: "unauthorized", status: 401 }), true, fast, false],
    ["a 404", error({ kind: "notFound", status: 404 }), true, fast, false],
    ["a 409", error({ kind: "conflict", status: 409 }), true, fast, false],
    ["an unknown host", error({ kind: "unreachable", code: "ENOTFOUND", retryable: false }), true, fast, false],
    ["a TLS failure", error({ kind: "tls" }), true, fast, false],
    ["an invalid answer", error({ kind: "invalidResponse" }), true, fast, false],
    ["a 429 asking for 59 s", error({ kind: "rateLimited", retryAfterMs: 59_000 }), true, resolveRetryPolicy(), true],
    ["a 429 asking for an hour", error({ kind: "rateLimited", retryAfterMs: 3_600_000 }), true, resolveRetryPolicy(), false],
    ["a programming error", new TypeError("bug"), true, fast, false],
  ])("%s → %s", (_, failure, idempotent, policy, expected) => {
    expect(isWorthRetrying(failure, idempotent, policy)).toBe(expected);
  });
});

describe("withRetries", () => {
  it("retries a retryable failure until it succeeds and reports each retry", async () => {
    const events: RetryEvent[] = [];
    const attempt = vi.fn(async (n: number) => {
      if (n < 3) throw error({ kind: "transient", status: 503 });
      return "done";
    });
    const result = await withRetries(attempt, { idempotent: true, policy: { ...fast, onRetry: (event) => events.push(event) } });
    expect(result).toBe("done");
    expect(attempt).toHaveBeenCalledTimes(3);
    expect(events.map(({ attempt: n, retriesLeft }) => [n, retriesLeft])).toEqual([
      [1, 3],
      [2, 2],
    ]);
  });

  it("gives up after the configured retries with the last error", async () => {
    const attempt = vi.fn(async () => {
      throw error({ kind: "transient", status: 500 });
    });
    await expect(withRetries(attempt, { idempotent: true, policy: fast })).rejects.toMatchObject({ kind: "transient" });
    expect(attempt).toHaveBeenCalledTimes(4);
  });

  it("retries 5xx answers at most serverErrorRetries times, other retryable failures as usual", async () => {
    const onRetry = vi.fn();
    const alwaysFailing = vi.fn(async () => {
      throw error({ kind: "transient", status: 500 });
    });
    await expect(withRetries(alwaysFailing, { idempotent: true, policy: { ...fast, onRetry }, serverErrorRetries: 1 })).rejects.toMatchObject({ status: 500 });
    expect(alwaysFailing).toHaveBeenCalledTimes(2);
    expect(onRetry).toHaveBeenCalledTimes(1);

    // A 429 and a timeout do not use up the 5xx allowance.
    const kinds = [error({ kind: "rateLimited", status: 429 }), error({ kind: "timeout" }), error({ kind: "transient", status: 502 })];
    const mixed = vi.fn(async (n: number) => {
      if (n <= kinds.length) throw kinds[n - 1];
      return "done";
    });
    await expect(withRetries(mixed, { idempotent: true, policy: fast, serverErrorRetries: 1 })).resolves.toBe("done");
    expect(mixed).toHaveBeenCalledTimes(4);

    const noRetries = vi.fn(async () => {
      throw error({ kind: "transient", status: 503 });
    });
    await expect(withRetries(noRetries, { idempotent: true, policy: fast, serverErrorRetries: 0 })).rejects.toMatchObject({ status: 503 });
    expect(noRetries).toHaveBeenCalledTimes(1);
  });

  it("does not retry what is not worth retrying", async () => {
    const onRetry = vi.fn();
    const attempt = vi.fn(async () => {
      throw error({ kind: "conflict", status: 409 });
    });
    await expect(withRetries(attempt, { idempotent: false, policy: { ...fast, onRetry } })).rejects.toMatchObject({ kind: "conflict" });
    expect(attempt).toHaveBeenCalledTimes(1);
    expect(onRetry).not.toHaveBeenCalled();
  });

  it("waits at least the Retry-After delay before the next attempt", async () => {
    const startedAt: number[] = [];
    await withRetries(
      async (n) => {
        startedAt.push(performance.now());
        if (n === 1) throw error({ kind: "rateLimited", status: 429, retryAfterMs: 150 });
      },
      { idempotent: false, policy: fast },
    );
    expect(startedAt).toHaveLength(2);
    expect((startedAt[1] ?? 0) - (startedAt[0] ?? 0)).toBeGreaterThanOrEqual(149);
  });

  it("fails at once when the server asks for a longer wait than the policy allows", async () => {
    const attempt = vi.fn(async () => {
      throw error({ kind: "rateLimited", status: 429, retryAfterMs: 10_000 });
    });
    const policy = resolveRetryPolicy({ minTimeoutMs: 1, maxRetryAfterMs: 5_000 });
    await expect(withRetries(attempt, { idempotent: true, policy })).rejects.toMatchObject({ retryAfterMs: 10_000 });
    expect(attempt).toHaveBeenCalledTimes(1);
  });
});
