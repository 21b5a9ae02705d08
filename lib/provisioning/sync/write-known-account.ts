import "server-only";
import { isScimError, ScimError, type WriteOptions } from "../../scim";
import type { UserCalls } from "./app-clients";

/**
 * A 5xx to a write on an account is retried this many times, quickly, before a GET checks whether
 * the account is still there. The client's full backoff (five retries, about 47 s) would hold the
 * person's lock for nothing when the server means "no such user".
 */
const SERVER_ERROR_RETRIES = 1;

/**
 * Sends a PATCH, PUT or DELETE to an account Roster knows by id. Some servers answer 500, not 404,
 * to a write on a user that no longer exists: after a 5xx, one GET of the id tells. When that GET
 * answers 404, its not-found error is thrown, so the caller's "the account is gone" path runs
 * (re-create after an update, done after a delete). Otherwise the 5xx is thrown as it came.
 */
export async function writeKnownAccount<T>(users: Pick<UserCalls, "get">, remoteId: string, write: (options: WriteOptions) => Promise<T>): Promise<T> {
  try {
    return await write({ serverErrorRetries: SERVER_ERROR_RETRIES });
  } catch (error) {
    if (!isScimError(error) || error.kind !== "transient") throw error;
    const gone = await users.get(remoteId).then(
      () => false,
      (check: unknown) => isScimError(check) && check.kind === "notFound",
    );
    if (!gone) throw error;
    throw new GoneAfterServerError({
      kind: "notFound",
      status: 404,
      method: error.method,
      url: error.url,
      message: `The app answered HTTP ${error.status ?? "5xx"} to ${error.method ?? "the change"}, then HTTP 404 when Roster read the account: it no longer exists in the app.`,
      cause: error,
    });
  }
}

/** A not-found that a GET established after the app answered a write with a 5xx; its message says so. */
export class GoneAfterServerError extends ScimError {}
