import "server-only";
import { db } from "../../db";
import { isScimError, listAllPages, scimFilter, type ScimUser } from "../../scim";
import type { UserCalls } from "../sync/app-clients";
import { appUnavailable, openAppUsers } from "./open-app-users";

/** Accounts the picker shows at most. */
export const SEARCH_RESULT_LIMIT = 20;
/** How many of the app's users the last resort reads, at most, comparing them here. */
export const SEARCH_LISTING_LIMIT = 1_000;
const PAGE_SIZE = 100;
// A lookup by a unique value matches one user; a few more catch servers that ignore the filter.
const LOOKUP_COUNT = 10;

export interface AppAccount {
  id: string;
  userName: string;
  displayName: string | null;
  email: string | null;
  active: boolean;
  /** The person of this app the account is already linked to, if any: it cannot be linked to a second one. */
  linkedTo: { userId: string; label: string } | null;
}

export interface AppAccountSearch {
  accounts: AppAccount[];
  /** How many of the app's users the listing read, and whether it stopped at SEARCH_LISTING_LIMIT before their end. */
  listed: number;
  truncated: boolean;
}

/**
 * The app's accounts that match what an admin typed, for the Link dialog, without trusting the
 * server's filters to ignore case (some compare values exactly) or to support every attribute:
 * 1. the account whose id is the query (admins may paste it from the app);
 * 2. `userName eq` and `emails.value eq`, with the query as typed and lower-cased;
 * 3. the first SEARCH_LISTING_LIMIT users, compared here: the query found, without regard to case,
 *    in the user name, the display or formatted name, given + family name, or an e-mail.
 * Each account says whether it is already linked to someone in this app.
 */
export async function searchAppAccounts(organizationId: string, appId: string, query: string): Promise<AppAccountSearch> {
  const { app, users } = await openAppUsers(organizationId, appId);
  const wanted = query.trim();
  const found = new Map<string, ScimUser>();
  const add = (user: ScimUser | undefined) => {
    if (user && !found.has(user.id) && found.size < SEARCH_RESULT_LIMIT) found.set(user.id, user);
  };
  let listed = 0;
  let truncated = false;
  try {
    for (const user of await exactMatches(users, wanted)) add(user);
    if (found.size < SEARCH_RESULT_LIMIT) {
      const needle = wanted.toLowerCase();
      for await (const user of listAllPages((startIndex, count) => users.listPage(startIndex, count), PAGE_SIZE)) {
        if (listed >= SEARCH_LISTING_LIMIT) {
          truncated = true;
          break;
        }
        listed += 1;
        if (searchableText(user).some((text) => text.includes(needle))) add(user);
        if (found.size >= SEARCH_RESULT_LIMIT) break;
      }
    }
  } catch (error) {
    appUnavailable(error, app.name);
  }

  const accounts = [...found.values()];
  const links = await db.account.findMany({
    where: { appId: app.id, remoteId: { in: accounts.map((account) => account.id) }, state: { not: "DELETED" } },
    select: { remoteId: true, userId: true, userLabel: true },
  });
  const linkedTo = new Map(links.map((link) => [link.remoteId, { userId: link.userId, label: link.userLabel }]));
  return {
    accounts: accounts.map((user) => ({
      id: user.id,
      userName: user.userName,
      displayName: user.displayName ?? (user.name?.formatted || [user.name?.givenName, user.name?.familyName].filter(Boolean).join(" ") || null),
      email: primaryEmail(user),
      active: user.active !== false,
      linkedTo: linkedTo.get(user.id) ?? null,
    })),
    listed,
    truncated,
  };
}

/** Lookups by the exact value: the id, then userName and e-mail as typed and lower-cased. Filters a server cannot apply (400) find nothing. */
async function exactMatches(users: Pick<UserCalls, "get" | "listPage">, query: string): Promise<ScimUser[]> {
  const refused = (error: unknown) => {
    if (isScimError(error) && (error.kind === "badRequest" || error.kind === "notFound")) return undefined;
    throw error;
  };
  const values = [...new Set([query, query.toLowerCase()])];
  const lookups: Promise<ScimUser[] | undefined>[] = [];
  if (!/\s/.test(query)) lookups.push(users.get(query).then((user) => [user], refused));
  for (const attribute of ["userName", "emails.value"]) {
    for (const value of values) lookups.push(users.listPage(1, LOOKUP_COUNT, scimFilter.eq(attribute, value)).then((page) => page.resources, refused));
  }
  const lower = query.toLowerCase();
  // A server that ignores the filter answers with anyone: keep only what matches.
  return (await Promise.all(lookups))
    .flatMap((list) => list ?? [])
    .filter((user) => user.id === query || user.userName.toLowerCase() === lower || emailsOf(user).includes(lower));
}

function emailsOf(user: ScimUser): string[] {
  return (user.emails ?? []).flatMap((entry) => (entry.value ? [entry.value.toLowerCase()] : []));
}

function primaryEmail(user: ScimUser): string | null {
  const emails = user.emails ?? [];
  return (emails.find((entry) => entry.primary) ?? emails.find((entry) => entry.type === "work") ?? emails[0])?.value ?? null;
}

function searchableText(user: ScimUser): string[] {
  const name = user.name;
  return [
    user.userName,
    user.displayName,
    name?.formatted,
    [name?.givenName, name?.familyName].filter(Boolean).join(" "),
    ...(user.emails ?? []).map((entry) => entry.value),
  ].flatMap((text) => (text ? [text.toLowerCase()] : []));
}
