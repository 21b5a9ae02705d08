import type { LimitFunction } from "p-limit";
import { withRetries, type RetryPolicy } from "./retry-policy.ts";
import { ScimError, type ScimErrorKind } from "./scim-error.ts";
import type { HttpMethod, ScimAnswer, ScimRequest } from "./send-request.ts";

/** One HTTP attempt of a call, as `CallOptions.onAttempt` sees it. */
export interface AttemptReport {
  /** This attempt's number, from 1. */
  attempt: number;
  /** The most attempts the call may make for this kind of failure: the retries allowed plus one. Fewer are made when one succeeds or fails for good. */
  of: number;
  method: HttpMethod;
  /** Relative to the base URL, without the query string (filters carry user names and e-mails), e.g. `/Users/2819c223`. */
  path: string;
  /** The HTTP status of the answer, or null when none came (refused, timed out, dropped) or none could be read. */
  status: number | null;
  /** This attempt alone, from when it was sent (after any wait for a free connection slot) until its answer was read or it failed. */
  durationMs: number;
  /** Why the attempt failed, in the same words as the ScimError; absent when it succeeded. */
  error?: { kind: ScimErrorKind; message: string };
  /** Whether the client will send the request again. False on success and on the last failure: then the call resolves or rejects. */
  willRetry: boolean;
}

export interface ExecuteOptions {
  /** Whether sending the request twice leaves the same state as sending it once. */
  idempotent: boolean;
  /** For DELETE: a 404 on a retry means an earlier attempt did the job before its answer was lost. */
  notFoundOnRetryIsSuccess?: boolean;
  /** Retries of a 5xx answer, at most; the client's retry count otherwise. */
  serverErrorRetries?: number;
  onAttempt?: (attempt: AttemptReport) => void;
}

export type ExecuteRequest = (request: ScimRequest, options: ExecuteOptions) => Promise<ScimAnswer>;

/**
 * Sends a request with retries, each attempt taking a slot of the client's concurrency limit.
 * The slot is given back while waiting to retry, so one throttled request does not stall the others.
 */
export function createExecutor(send: (request: ScimRequest) => Promise<ScimAnswer>, limit: LimitFunction, policy: RetryPolicy): ExecuteRequest {
  return (request, options) => {
    const { onAttempt } = options;
    const report = (fields: Pick<AttemptReport, "attempt" | "status" | "durationMs" | "error" | "willRetry">) => {
      if (!onAttempt) return;
      try {
        // A 5xx may be retried fewer times than the client's default (serverErrorRetries): say so in "of".
        const retries =
          fields.error?.kind === "transient" && options.serverErrorRetries !== undefined
            ? Math.min(policy.retries, options.serverErrorRetries)
            : policy.retries;
        onAttempt({ of: retries + 1, method: request.method, path: request.path, ...fields });
      } catch {
        // An observer's mistake must not change the call's outcome: a create that worked would look failed.
      }
    };
    // How long each failed attempt took, until the retry policy says whether another follows.
    const failedAfterMs = new Map<number, number>();

    return withRetries(
      async (attemptNumber) => {
        let startedAt = 0;
        try {
          const answer = await limit(() => {
            startedAt = performance.now();
            return send(request);
          });
          report({ attempt: attemptNumber, status: answer.status, durationMs: performance.now() - startedAt, willRetry: false });
          return answer;
        } catch (error) {
          const durationMs = startedAt === 0 ? 0 : performance.now() - startedAt;
          if (options.notFoundOnRetryIsSuccess && attemptNumber > 1 && error instanceof ScimError && error.kind === "notFound") {
            report({ attempt: attemptNumber, status: 404, durationMs, willRetry: false });
            return { status: 404, json: undefined, url: error.url ?? "" };
          }
          failedAfterMs.set(attemptNumber, durationMs);
          throw error;
        }
      },
      {
        idempotent: options.idempotent,
        policy,
        serverErrorRetries: options.serverErrorRetries,
        onFailedAttempt: ({ error, attemptNumber, willRetry }) => {
          const scimError = error instanceof ScimError ? error : undefined;
          report({
            attempt: attemptNumber,
            status: scimError?.status ?? null,
            durationMs: failedAfterMs.get(attemptNumber) ?? 0,
            error: { kind: scimError?.kind ?? "unreachable", message: error instanceof Error ? error.message : String(error) },
            willRetry,
          });
          failedAfterMs.delete(attemptNumber);
        },
      },
    );
  };
}
