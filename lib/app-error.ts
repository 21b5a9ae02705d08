/**
 * An expected failure, in words an admin can act on. Server actions turn it
 * into `{ ok: false, code, message }`; routes map `code` to an HTTP status.
 */
export type AppErrorCode = "unauthenticated" | "forbidden" | "invalid_input" | "not_found" | "conflict" | "rate_limited" | "unavailable";

export const HTTP_STATUS: Record<AppErrorCode, number> = {
  unauthenticated: 401,
  forbidden: 403,
  invalid_input: 400,
  not_found: 404,
  conflict: 409,
  rate_limited: 429,
  unavailable: 503,
};

export class AppError extends Error {
  override name = "AppError";
  constructor(
    readonly code: AppErrorCode,
    message: string,
    readonly fieldErrors?: Record<string, string[]>,
  ) {
    super(message);
  }
}
