import pRetry from "p-retry";
import { setTimeout as sleep } from "node:timers/promises";
import { NEVER_CONNECTED_CODES } from "./classify-network-error.ts";
import { ScimError } from "./scim-error.ts";

export interface RetryOptions {
  /** Retries after the first attempt. Default 5. */
  retries?: number;
  /** First backoff; each next one doubles, randomised ×1–2 so that many workers do not retry in step. Default 1 s. */
  minTimeoutMs?: number;
  /** Longest backoff between two attempts. Default 30 s. */
  maxTimeoutMs?: number;
  /**
   * The longest `Retry-After` the client will sit out. Past it the error is thrown at once, with
   * `retryAfterMs`, so the caller can reschedule the job instead of holding a worker. Default 60 s.
   */
  maxRetryAfterMs?: number;
  /**
   * Whether to resend a create (POST) after a failure that may have happened after the server
   * created the resource: a timeout, a dropped connection, a 500, 502 or 504. Resending then can
   * create a duplicate, or fail with 409 although the first attempt worked. Default false: such
   * errors reach the caller, who should look the resource up before creating again. Failures
   * where the server clearly did nothing (429, 503, connection refused) are always retried.
   */
  retryAmbiguousCreates?: boolean;
  /** Called before each retry, for logging. */
  onRetry?: (event: RetryEvent) => void;
}

export interface RetryEvent {
  error: ScimError;
  /** The attempt that just failed, from 1. */
  attempt: number;
  retriesLeft: number;
}

export type RetryPolicy = Required<Omit<RetryOptions, "onRetry">> & Pick<RetryOptions, "onRetry">;

export function resolveRetryPolicy(options: RetryOptions = {}): RetryPolicy {
  return {
    retries: options.retries ?? 5,
    minTimeoutMs: options.minTimeoutMs ?? 1000,
    maxTimeoutMs: options.maxTimeoutMs ?? 30_000,
    maxRetryAfterMs: options.maxRetryAfterMs ?? 60_000,
    retryAmbiguousCreates: options.retryAmbiguousCreates ?? false,
    onRetry: options.onRetry,
  };
}

/** Whether the failed request might have been carried out by the server before it failed. */
export function mayHaveTakenEffect(error: ScimError): boolean {
  switch (error.kind) {
    case "rateLimited":
      return false;
    case "transient":
      return error.status !== 503;
    case "unreachable":
    case "timeout":
      return error.code === undefined || !NEVER_CONNECTED_CODES.has(error.code);
    default:
      return true;
  }
}

export function isWorthRetrying(error: unknown, idempotent: boolean, policy: RetryPolicy): error is ScimError {
  if (!(error instanceof ScimError) || !error.retryable) return false;
  if (error.retryAfterMs !== undefined && error.retryAfterMs > policy.maxRetryAfterMs) return false;
  return idempotent || policy.retryAmbiguousCreates || !mayHaveTakenEffect(error);
}

/**
 * Runs `attempt` until it succeeds or fails in a way not worth retrying, retrying 5xx answers at
 * most `serverErrorRetries` times when given. Backoff is p-retry's
 * exponential one with jitter; when the server sent `Retry-After`, that wait comes first and the
 * backoff is added on top, so that clients released at the same instant do not return together.
 */
export async function withRetries<T>(
  attempt: (attemptNumber: number) => Promise<T>,
  options: {
    idempotent: boolean;
    policy: RetryPolicy;
    serverErrorRetries?: number;
    /** Called once per failed attempt, before any wait, with whether another attempt follows. */
    onFailedAttempt?: (failure: { error: unknown; attemptNumber: number; willRetry: boolean }) => void;
  },
): Promise<T> {
  // Most calls succeed at the first attempt: that one runs before p-retry is set up (a measurable share of a
  // request's CPU in a large sync). A failed first attempt is handed to p-retry as its own first attempt, so
  // what follows is exactly what p-retry does with it.
  let firstFailure: { error: unknown } | null = null;
  try {
    return await attempt(1);
  } catch (error) {
    firstFailure = { error };
  }
  const failed = firstFailure;
  return retryAfterFirst((attemptNumber) => (attemptNumber === 1 ? Promise.reject(failed.error) : attempt(attemptNumber)), options);
}

function retryAfterFirst<T>(attempt: (attemptNumber: number) => Promise<T>, options: Parameters<typeof withRetries>[1]): Promise<T> {
  const { idempotent, policy, serverErrorRetries = Number.POSITIVE_INFINITY, onFailedAttempt } = options;
  // Both hooks are asked about every failed attempt, so each 5xx is counted once, by its attempt number.
  const serverErrors = new Set<number>();
  const worthRetrying = (error: unknown, attemptNumber: number): error is ScimError => {
    if (!isWorthRetrying(error, idempotent, policy)) return false;
    if (error.kind === "transient") serverErrors.add(attemptNumber);
    return error.kind !== "transient" || serverErrors.size <= serverErrorRetries;
  };
  return pRetry(attempt, {
    retries: policy.retries,
    factor: 2,
    minTimeout: policy.minTimeoutMs,
    maxTimeout: policy.maxTimeoutMs,
    randomize: true,
    shouldRetry: ({ error, attemptNumber }) => worthRetrying(error, attemptNumber),
    onFailedAttempt: async ({ error, attemptNumber, retriesLeft }) => {
      const willRetry = retriesLeft > 0 && worthRetrying(error, attemptNumber);
      onFailedAttempt?.({ error, attemptNumber, willRetry });
      if (!willRetry) return;
      policy.onRetry?.({ error, attempt: attemptNumber, retriesLeft });
      if (error.retryAfterMs) await sleep(error.retryAfterMs);
    },
  });
}
