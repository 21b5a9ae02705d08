import type { LimitFunction } from "p-limit";
import { withRetries, type RetryPolicy } from "./retry-policy.ts";
import { ScimError } from "./scim-error.ts";
import type { ScimAnswer, ScimRequest } from "./send-request.ts";

export interface ExecuteOptions {
  /** Whether sending the request twice leaves the same state as sending it once. */
  idempotent: boolean;
  /** For DELETE: a 404 on a retry means an earlier attempt did the job before its answer was lost. */
  notFoundOnRetryIsSuccess?: boolean;
  /** Retries of a 5xx answer, at most; the client's retry count otherwise. */
  serverErrorRetries?: number;
}

export type ExecuteRequest = (request: ScimRequest, options: ExecuteOptions) => Promise<ScimAnswer>;

/**
 * Sends a request with retries, each attempt taking a slot of the client's concurrency limit.
 * The slot is given back while waiting to retry, so one throttled request does not stall the others.
 */
export function createExecutor(send: (request: ScimRequest) => Promise<ScimAnswer>, limit: LimitFunction, policy: RetryPolicy): ExecuteRequest {
  return (request, options) =>
    withRetries(
      async (attemptNumber) => {
        try {
          return await limit(() => send(request));
        } catch (error) {
          if (options.notFoundOnRetryIsSuccess && attemptNumber > 1 && error instanceof ScimError && error.kind === "notFound") {
            return { status: 404, json: undefined, url: error.url ?? "" };
          }
          throw error;
        }
      },
      { idempotent: options.idempotent, policy, serverErrorRetries: options.serverErrorRetries },
    );
}
