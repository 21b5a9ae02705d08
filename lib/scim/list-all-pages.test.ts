import { afterEach, describe, expect, it } from "vitest";
import { createScimClient } from "./create-scim-client.ts";
import { listPages } from "./list-all-pages.ts";
import type { ListPage } from "./list-response.ts";
import { fakeUser, pagingOf, sendJson, startFakeServer, type FakeServer } from "./testing/fake-scim-server.ts";

const LIST = "urn:ietf:params:scim:api:messages:2.0:ListResponse";

let server: FakeServer | undefined;
afterEach(() => server?.close());

/** A server holding `total` users that pages them according to `pageOf`. */
async function listingServer(total: number, pageOf: (startIndex: number, count: number | undefined) => { ids: number[]; totalResults?: number }) {
  server = await startFakeServer((request, response) => {
    const { startIndex, count } = pagingOf(request.url);
    const { ids, totalResults = total } = pageOf(startIndex, count);
    sendJson(response, 200, { schemas: [LIST], totalResults, startIndex, itemsPerPage: count, Resources: ids.map(fakeUser) });
  });
  return createScimClient({ baseUrl: server.baseUrl, token: "t", retry: { retries: 0 } });
}

const range = (from: number, to: number) => Array.from({ length: Math.max(0, to - from + 1) }, (_, index) => from + index);
const slice = (total: number, startIndex: number, size: number) => range(startIndex, Math.min(total, startIndex + size - 1));

async function collect(users: AsyncIterable<{ id: string }>) {
  const ids: string[] = [];
  for await (const user of users) ids.push(user.id);
  return ids;
}

function requestedPages() {
  return server!.requests.map((request) => {
    const { startIndex, count } = pagingOf(request.url);
    return [startIndex, count];
  });
}

describe("users.list walks every page", () => {
  it.each([
    [
      "a well-behaved server",
      250,
      250,
      (s: number, c = 100) => ({ ids: slice(250, s, c) }),
      [
        [1, 100],
        [101, 100],
        [201, 100],
      ],
    ],
    ["exactly one full page", 100, 100, (s: number, c = 100) => ({ ids: slice(100, s, c) }), [[1, 100]]],
    [
      "a server that caps pages at 20 (ignores count)",
      45,
      45,
      (s: number) => ({ ids: slice(45, s, 20) }),
      [
        [1, 100],
        [21, 100],
        [41, 100],
      ],
    ],
    [
      "a server that returns more than asked",
      30,
      30,
      (s: number) => ({ ids: slice(30, s, 25) }),
      [
        [1, 100],
        [26, 100],
      ],
    ],
    [
      "SCIMMY, which answers past the end with page 1 again",
      45,
      45,
      (s: number, c = 100) => ({ ids: s > 45 ? slice(45, 1, c) : slice(45, s, Math.min(c, 20)) }),
      [
        [1, 100],
        [21, 100],
        [41, 100],
      ],
    ],
    [
      "a server that ignores startIndex",
      50,
      20,
      (_: number) => ({ ids: slice(50, 1, 20) }),
      [
        [1, 100],
        [21, 100],
      ],
    ],
    ["an empty collection without Resources", 0, 0, () => ({ ids: [] }), [[1, 100]]],
    // A short page is no end while totalResults says more remain: the next, empty, page is.
    [
      "a server whose totalResults overstates, sending a short page",
      10,
      10,
      (s: number) => ({ ids: slice(10, s, 4), totalResults: 99 }),
      [
        [1, 100],
        [5, 100],
        [9, 100],
        [13, 100],
      ],
    ],
    [
      "a server whose totalResults overstates, ending on an empty page",
      12,
      12,
      (s: number) => ({ ids: slice(12, s, 4), totalResults: 99 }),
      [
        [1, 100],
        [5, 100],
        [9, 100],
        [13, 100],
      ],
    ],
  ] as const)("from %s", async (_, total, yielded, pageOf, pages) => {
    const scim = await listingServer(total, pageOf);
    const ids = await collect(scim.users.list());
    expect(ids).toEqual(range(1, yielded).map((index) => `id-${index}`));
    expect(requestedPages()).toEqual(pages);
  });

  it("skips a resource repeated inside a page", async () => {
    const scim = await listingServer(3, () => ({ ids: [1, 2, 2, 3] }));
    expect(await collect(scim.users.list())).toEqual(["id-1", "id-2", "id-3"]);
  });

  it("asks for the page size given to the client or to the call", async () => {
    const scim = await listingServer(5, (s, c = 100) => ({ ids: slice(5, s, c) }));
    await collect(scim.users.list({ pageSize: 2 }));
    expect(requestedPages()).toEqual([
      [1, 2],
      [3, 2],
      [5, 2],
    ]);
  });

  it("sends the filter with every page", async () => {
    const scim = await listingServer(3, (s) => ({ ids: slice(3, s, 2) }));
    await collect(scim.users.list({ filter: 'userName sw "a"' }));
    expect(server!.requests.map((request) => pagingOf(request.url).filter)).toEqual(['userName sw "a"', 'userName sw "a"']);
    expect(server!.requests[0]?.url).toContain("filter=userName%20sw%20%22a%22");
  });

  it("stops fetching when the caller stops reading", async () => {
    const scim = await listingServer(1000, (s, c = 100) => ({ ids: slice(1000, s, c) }));
    for await (const user of scim.users.list()) {
      if (user.id === "id-150") break;
    }
    expect(server!.requests).toHaveLength(2);
  });

  it.each([0, -1, 2.5])("refuses a page size of %s", async (pageSize) => {
    const scim = await listingServer(1, () => ({ ids: [1] }));
    expect(() => scim.users.list({ pageSize })).toThrow(TypeError);
  });
});

describe("users.list refuses pages that are not SCIM lists", () => {
  it.each([
    ["a page without totalResults", { Resources: [fakeUser(1)] }, /not a valid SCIM list of users at "totalResults"/],
    ["an item without id", { totalResults: 2, Resources: [fakeUser(1), { userName: "b" }] }, /user \(item 2 of the page\) that has no id/],
    ["an item without userName", { totalResults: 1, Resources: [{ id: "x" }] }, /user \(item 1 of the page\) at "userName"/],
  ])("%s", async (_, body, message) => {
    server = await startFakeServer((__, response) => sendJson(response, 200, body));
    const scim = createScimClient({ baseUrl: server.baseUrl, token: "t", retry: { retries: 0 } });
    await expect(collect(scim.users.list())).rejects.toMatchObject({ kind: "invalidResponse", message: expect.stringMatching(message) });
  });
});

describe("users.list refuses a server that lies about how many users it has", { timeout: 5_000 }, () => {
  const refused = (message: RegExp | string) => ({
    kind: "invalidResponse",
    retryable: false,
    message: typeof message === "string" ? message : expect.stringMatching(message),
  });

  it("claiming 50,000,000 users one per page: a plain error after the first page", async () => {
    const scim = await listingServer(50_000_000, (s) => ({ ids: [s] }));
    const started = Date.now();
    await expect(collect(scim.users.list())).rejects.toMatchObject(
      refused("The app says it has 50,000,000 users, more than Roster will list (1,000,000). Check the Sync endpoint."),
    );
    expect(server!.requests).toHaveLength(1);
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it("claiming fewer than the bound but one per page: refused before a million requests", async () => {
    const scim = await listingServer(999_999, (s) => ({ ids: [s] }));
    await expect(collect(scim.users.list())).rejects.toMatchObject(
      refused(
        "The app sends 1 per page and says it has 999,999 users: listing them would take 999,999 requests, more than Roster will make (100,001). Check the Sync endpoint.",
      ),
    );
    expect(server!.requests).toHaveLength(1);
  });

  it("a claim that keeps growing with every full page: stopped at the caller's bound", async () => {
    // Always one page more than it has sent so far.
    const scim = await listingServer(0, (s, c = 100) => ({ ids: range(s, s + c - 1), totalResults: s - 1 + 2 * c }));
    await expect(collect(scim.users.list({ maxResources: 1000 }))).rejects.toMatchObject(
      refused(/^The app says it has 1,100 users, more than Roster will list \(1,000\)\./),
    );
    expect(server!.requests).toHaveLength(10);
  });

  it("pages far longer than the first, never ending: stopped once more than the bound has arrived", async () => {
    // Ten on the first page (a fair page size), then a hundred new ones on every page after it.
    const scim = await listingServer(1000, (s) => ({ ids: s === 1 ? range(1, 10) : range(s * 1000, s * 1000 + 99) }));
    await expect(collect(scim.users.list({ maxResources: 1000 }))).rejects.toMatchObject(
      refused("The app sent more than 1,000 users and kept going: more than Roster will list (1,000). Check the Sync endpoint."),
    );
    expect(server!.requests).toHaveLength(11);
  });

  it("one per page with a claim always one ahead: stopped at the request bound the caller's bound implies", async () => {
    const scim = await listingServer(0, (s) => ({ ids: [s], totalResults: s + 1 }));
    await expect(collect(scim.users.list({ maxResources: 1000 }))).rejects.toMatchObject(
      refused("Listing the app's users took 101 requests without reaching the end, more than Roster will make (101). Check the Sync endpoint."),
    );
    expect(server!.requests).toHaveLength(101);
  });
});

describe("listPages streams pages, a bounded number at a time", () => {
  /** A port holding `total` resources in pages of `cap`, answering after a turn of the event loop, that counts what is in flight. */
  function port(total: number, cap: number, claimed = total) {
    const asked: number[] = [];
    let inFlight = 0;
    let most = 0;
    const fetchPage = async (startIndex: number): Promise<ListPage<{ id: string }>> => {
      asked.push(startIndex);
      most = Math.max(most, (inFlight += 1));
      await new Promise((resolve) => setImmediate(resolve));
      inFlight -= 1;
      return { totalResults: claimed, startIndex, resources: slice(total, startIndex, cap).map((index) => ({ id: `id-${index}` })) };
    };
    return { fetchPage, asked, most: () => most };
  }

  it("yields every page in order with at most `concurrency` asked for at once", async () => {
    const fake = port(2_000, 100);
    const pages: string[][] = [];
    for await (const page of listPages(fake.fetchPage, 100, { concurrency: 4 })) pages.push(page.resources.map((resource) => resource.id));
    expect(pages.flat()).toEqual(range(1, 2_000).map((index) => `id-${index}`));
    expect(pages).toHaveLength(20);
    expect(fake.asked).toEqual(range(0, 19).map((page) => 1 + page * 100));
    expect(fake.most()).toBe(4);
  });

  it("a lying claim with concurrency asks for one page and fails, whatever the concurrency", async () => {
    const fake = port(50_000_000, 1);
    await expect(async () => {
      for await (const page of listPages(fake.fetchPage, 100, { concurrency: 16, noun: "users" })) expect(page).toBeDefined();
    }).rejects.toThrow("The app says it has 50,000,000 users, more than Roster will list (1,000,000). Check the Sync endpoint.");
    expect(fake.asked).toEqual([1]);
  });

  it("stops at the empty page after a short one when totalResults overstates, leaving what was asked for ahead of it unread", async () => {
    const fake = port(250, 100, 1_000);
    const ids: string[] = [];
    for await (const page of listPages(fake.fetchPage, 100, { concurrency: 4 })) ids.push(...page.resources.map((resource) => resource.id));
    expect(ids).toHaveLength(250);
    expect(fake.asked.filter((startIndex) => startIndex > 250).length).toBeLessThanOrEqual(4);
  });
});
