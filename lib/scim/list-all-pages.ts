import type { ListPage } from "./list-response.ts";

export type FetchPage<T> = (startIndex: number, count: number) => Promise<ListPage<T>>;

/**
 * Walks a paged collection from startIndex 1 until the server has nothing more, coping with
 * servers that bend the paging rules:
 * - a server may return fewer items than `count` (Atlassian caps pages at 100, SCIMMY defaults to 20)
 *   or more, so the next startIndex advances by what actually came back;
 * - SCIMMY answers a startIndex past the end with the first page again, so the walk stops once
 *   `totalResults` is reached rather than waiting for an empty page;
 * - a page made only of resources already seen means the server ignored startIndex or wrapped
 *   around: stop instead of looping forever. Repeats inside a page are skipped for the same reason.
 * Offset paging cannot see a consistent snapshot: resources created or deleted during the walk
 * may be missed, which callers reconciling state must tolerate anyway.
 */
export async function* listAllPages<T extends { id: string }>(fetchPage: FetchPage<T>, pageSize: number): AsyncGenerator<T> {
  const seen = new Set<string>();
  let startIndex = 1;
  for (;;) {
    const page = await fetchPage(startIndex, pageSize);
    let fresh = 0;
    for (const resource of page.resources) {
      if (seen.has(resource.id)) continue;
      seen.add(resource.id);
      fresh += 1;
      yield resource;
    }
    const returned = page.resources.length;
    if (returned === 0 || fresh === 0 || startIndex - 1 + returned >= page.totalResults) return;
    startIndex += returned;
  }
}
