import type { ListPage } from "./list-response.ts";
import { ScimError } from "./scim-error.ts";

export type FetchPage<T> = (startIndex: number, count: number) => Promise<ListPage<T>>;

/**
 * The most resources Roster reads from one listing. The largest directories it provisions to hold
 * tens of thousands of people; a million is far past any of them, and its ids still fit in about
 * 100 MB while a listing runs. A server that claims (or sends) more is answering for something else
 * or lying about its size, and following it would exhaust the process: it gets a plain error.
 */
export const MAX_LISTED_RESOURCES = 1_000_000;

/**
 * The fewest resources per page the request bound allows for (SCIMMY gives 20, Atlassian 100). A
 * server giving fewer needs more requests than the bound lets it have, so one that shrinks its
 * pages to a single resource cannot make a listing cost millions of requests.
 */
const SMALLEST_FAIR_PAGE = 10;

export interface ListLimits {
  /** Resources a listing may claim or deliver before it is refused. Default MAX_LISTED_RESOURCES. */
  maxResources?: number;
  /**
   * Pages asked for at once once the first page has told the server's page size. Default 1: each
   * page is asked for only when the caller wants it. A client's own concurrency limit still applies.
   */
  concurrency?: number;
  /** What the resources are, for the error ("users"). */
  noun?: string;
}

/** A listing Roster refused because the server claimed or sent more than it will read. Not worth retrying: the server will say the same. */
export class ListingLimitError extends ScimError {
  constructor(message: string) {
    super({ kind: "invalidResponse", message, retryable: false });
  }
}

const count = (value: number) => value.toLocaleString("en-US");

/**
 * Walks a paged collection from startIndex 1, page by page, as an async iterator over pages:
 * `for await (const page of listPages(fetchPage, 100))`. It asks for pages lazily, at most
 * `concurrency` at a time, and never more than a bound; it copes with servers that bend the rules:
 * - a server may return fewer items than `count` (Atlassian caps pages at 100, SCIMMY defaults to
 *   20) or more: the first page's length is taken as the server's page size, and later pages start
 *   that far apart;
 * - the walk ends when `totalResults` is reached (SCIMMY answers a startIndex past the end with the
 *   first page again), at an empty page, or at a page made only of resources already seen (the server ignored startIndex or wrapped around). Repeats
 *   inside a page are dropped for the same reason, so each page yields only resources not seen yet;
 * - a claimed `totalResults` above `maxResources`, more resources received than that, or more
 *   requests than a server with fair-sized pages would need for that many, end the walk with a
 *   `ListingLimitError` in plain words.
 * Offset paging cannot see a consistent snapshot: resources created or deleted during the walk
 * may be missed, which callers reconciling state must tolerate anyway.
 */
export async function* listPages<T extends { id: string }>(fetchPage: FetchPage<T>, pageSize: number, limits: ListLimits = {}): AsyncGenerator<ListPage<T>> {
  const maxResources = limits.maxResources ?? MAX_LISTED_RESOURCES;
  const concurrency = Math.max(1, Math.floor(limits.concurrency ?? 1));
  const noun = limits.noun ?? "resources";
  const maxRequests = Math.ceil(maxResources / Math.min(pageSize, SMALLEST_FAIR_PAGE)) + 1;
  const refuseClaim = (total: number) =>
    new ListingLimitError(`The app says it has ${count(total)} ${noun}, more than Roster will list (${count(maxResources)}). Check the Sync endpoint.`);

  const seen = new Set<string>();
  let received = 0;
  /** Takes a page in: its resources not seen before, and whether it is the last one. */
  const take = (page: ListPage<T>, startIndex: number) => {
    if (page.totalResults > maxResources) throw refuseClaim(page.totalResults);
    const returned = page.resources.length;
    received += returned;
    if (received > maxResources)
      throw new ListingLimitError(
        `The app sent more than ${count(maxResources)} ${noun} and kept going: more than Roster will list (${count(maxResources)}). Check the Sync endpoint.`,
      );
    const fresh = page.resources.filter((resource) => !seen.has(resource.id) && seen.add(resource.id));
    // A short page is not an end while totalResults says more remain: a server that filters after paging
    // (dropping deleted users, say) sends short pages mid-walk, and an import must not classify a partial listing.
    const last = returned === 0 || fresh.length === 0 || startIndex - 1 + returned >= page.totalResults;
    return { fresh, last };
  };

  const first = await fetchPage(1, pageSize);
  const size = first.resources.length;
  const opening = take(first, 1);
  if (!opening.last && Math.ceil(first.totalResults / size) > maxRequests) {
    throw new ListingLimitError(
      `The app sends ${count(size)} per page and says it has ${count(first.totalResults)} ${noun}: listing them would take ${count(Math.ceil(first.totalResults / size))} requests, more than Roster will make (${count(maxRequests)}). Check the Sync endpoint.`,
    );
  }
  yield { ...first, resources: opening.fresh };
  if (opening.last) return;

  // Pages asked for and not yet taken in, in order. Each has a handler from the start, so one left behind when the
  // walk ends early cannot become an unhandled rejection.
  const inFlight: { startIndex: number; page: Promise<ListPage<T>> }[] = [];
  let requests = 1;
  let total = first.totalResults;
  let next = 1 + size;
  for (;;) {
    while (inFlight.length < concurrency && next <= total && requests < maxRequests) {
      const page = fetchPage(next, pageSize);
      page.catch(() => undefined);
      inFlight.push({ startIndex: next, page });
      requests += 1;
      next += size;
    }
    const head = inFlight.shift();
    if (!head) {
      if (next > total) return;
      throw new ListingLimitError(
        `Listing the app's ${noun} took ${count(requests)} requests without reaching the end, more than Roster will make (${count(maxRequests)}). Check the Sync endpoint.`,
      );
    }
    const page = await head.page;
    total = page.totalResults;
    const { fresh, last } = take(page, head.startIndex);
    if (fresh.length > 0) yield { ...page, resources: fresh };
    if (last) return;
  }
}

/** Every resource of a paged collection, one at a time: `listPages` flattened. */
export async function* listAllPages<T extends { id: string }>(fetchPage: FetchPage<T>, pageSize: number, limits: ListLimits = {}): AsyncGenerator<T> {
  for await (const page of listPages(fetchPage, pageSize, limits)) yield* page.resources;
}
