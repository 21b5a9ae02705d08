import "server-only";
import { ListingLimitError, listPages } from "../../scim/list-all-pages";
import type { UserCalls } from "./app-clients";

/**
 * Who already has an account in the app, read once per sync run instead of
 * two filtered lookups per person before each create. It holds only the keys
 * a lookup would match on (externalId, and userName case-insensitively), so
 * 100,000 remote users cost a few megabytes.
 *
 * A snapshot ages: an account created in the app after it was read is not in
 * it. That is safe because a SCIM server must keep userName unique (RFC 7643
 * §4.1.1): the create is refused with 409 and reconcile adopts the account.
 * A batch that is retried (a worker died mid-way) does not use it at all.
 */
export interface RemoteSnapshot {
  has(externalId: string, userName: string | undefined): boolean;
}

/** Pages of the listing asked for at once: more than an app's client sends at once (4 by default), so that limit paces it. */
const PAGES_IN_FLIGHT = 8;

/** Long enough for one large sync, short enough that a new sync reads the app again. */
const MAX_AGE_MS = 5 * 60_000;
const snapshots = new Map<string, { takenAt: number; snapshot: Promise<RemoteSnapshot | null> }>();

/**
 * The app's users as one sync run sees them, shared by the run's batches in
 * this process. Null when the app could not be listed: callers then look each
 * person up, as they would without a snapshot. Rejects with a
 * `ListingLimitError` when the app claims or sends more users than Roster will
 * list: its message says so in plain words.
 */
export function remoteSnapshot(key: string, users: Pick<UserCalls, "listPage">, pageSize: number): Promise<RemoteSnapshot | null> {
  const now = Date.now();
  for (const [cached, entry] of snapshots) if (now - entry.takenAt > MAX_AGE_MS) snapshots.delete(cached);
  let entry = snapshots.get(key);
  if (!entry) {
    entry = { takenAt: now, snapshot: readSnapshot(users, pageSize) };
    snapshots.set(key, entry);
  }
  return entry.snapshot;
}

async function readSnapshot(users: Pick<UserCalls, "listPage">, pageSize: number): Promise<RemoteSnapshot | null> {
  const externalIds = new Set<string>();
  const userNames = new Set<string>();
  let listed = 0;
  let claimed = 0;
  try {
    // Pages are asked for a few at a time, not one after the other, which with 10,000 users and 50 ms per answer would
    // take five seconds; the app's client keeps to its own concurrency within that. Never more than PAGES_IN_FLIGHT.
    for await (const page of listPages((startIndex, count) => users.listPage(startIndex, count), pageSize, { concurrency: PAGES_IN_FLIGHT, noun: "users" })) {
      claimed = page.totalResults;
      for (const user of page.resources) {
        listed += 1;
        if (user.externalId) externalIds.add(user.externalId);
        if (user.userName) userNames.add(user.userName.toLowerCase());
      }
    }
  } catch (error) {
    if (error instanceof ListingLimitError) throw error;
    return null;
  }
  // A server that ignores startIndex sends its first page again and again, and the listing stops there. Such a listing
  // proves nothing absent: each person is then looked up on their own. (Users added or removed during the read shift a few; that is fine.)
  if (listed < claimed * 0.9) return null;
  return {
    has: (externalId, userName) => externalIds.has(externalId) || (userName !== undefined && userNames.has(userName.toLowerCase())),
  };
}
