import "server-only";
import { isScimError, listAllPages, scimFilter, type ScimUser } from "../../scim";
import type { UserCalls } from "./app-clients";

/** How many of the app's users the last resort reads, at most, looking for the holder. */
export const HOLDER_SEARCH_LIMIT = 10_000;
const PAGE_SIZE = 100;
// A lookup by a unique value matches one user; a few more catch servers that ignore the filter.
const EMAIL_LOOKUP_COUNT = 10;

export interface HolderSearch {
  holder?: ScimUser;
  /** How many users the listing read (0 when the e-mail lookup found the holder). */
  listed: number;
  /** Whether the listing stopped at the limit before the end of the app's users. */
  truncated: boolean;
}

/**
 * After a create was refused with 409 uniqueness and the lookups by externalId and userName found
 * nothing, finds the app's account that holds the user name or e-mail, without trusting the server
 * to compare filter values without regard to case (some compare them exactly, so `farid@x` misses
 * `Farid@X` although the create collides with it):
 * 1. by e-mail (`emails.value eq`), where the server supports that filter (a 400 means it does not);
 * 2. else by reading the app's users, page after page, up to HOLDER_SEARCH_LIMIT, and comparing
 *    the user name and e-mails ourselves, case-insensitively.
 */
export async function findConflictHolder(
  users: Pick<UserCalls, "listPage">,
  wanted: { userName?: string; email?: string },
  limit = HOLDER_SEARCH_LIMIT,
): Promise<HolderSearch> {
  const userName = wanted.userName?.toLowerCase();
  const email = wanted.email?.toLowerCase();
  const holds = (user: ScimUser) =>
    (userName !== undefined && user.userName.toLowerCase() === userName) ||
    (email !== undefined && (user.emails ?? []).some((entry) => entry.value?.toLowerCase() === email));

  if (wanted.email) {
    const byEmail = await users.listPage(1, EMAIL_LOOKUP_COUNT, scimFilter.eq("emails.value", wanted.email)).catch((error: unknown) => {
      if (isScimError(error) && error.kind === "badRequest") return undefined; // invalidFilter: the server cannot search e-mails.
      throw error;
    });
    const holder = byEmail?.resources.find(holds);
    if (holder) return { holder, listed: 0, truncated: false };
  }

  let listed = 0;
  for await (const user of listAllPages((startIndex, count) => users.listPage(startIndex, count), PAGE_SIZE)) {
    if (listed >= limit) return { listed, truncated: true };
    listed += 1;
    if (holds(user)) return { holder: user, listed, truncated: false };
  }
  return { listed, truncated: false };
}
