import type { LookupFunction } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { AddressRefusedError } from "./address-refused-error.ts";
import { addMembers, setActive } from "./build-patch.ts";
import { createScimClient, type ScimClientOptions } from "./create-scim-client.ts";
import type { AttemptReport } from "./execute-request.ts";
import { fakeUser, pagingOf, sendJson, startFakeServer, type FakeHandler, type FakeServer } from "./testing/fake-scim-server.ts";

const USER_URN = "urn:ietf:params:scim:schemas:core:2.0:User";
const ENTERPRISE_URN = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
const LIST_URN = "urn:ietf:params:scim:api:messages:2.0:ListResponse";

let server: FakeServer | undefined;
afterEach(() => server?.close());

async function clientFor(handler: FakeHandler, options: Partial<ScimClientOptions> = {}) {
  server = await startFakeServer(handler);
  return createScimClient({ baseUrl: server.baseUrl, token: "t", retry: { retries: 3, minTimeoutMs: 1, maxTimeoutMs: 2 }, ...options });
}

const listOf = (users: object[]) => ({ schemas: [LIST_URN], totalResults: users.length, Resources: users });
const sentBodies = () => server!.requests.map((request) => (request.body ? JSON.parse(request.body) : undefined));
const sentFilters = () => server!.requests.map((request) => pagingOf(request.url).filter);

describe("createScimClient", () => {
  it.each([
    ["a relative path", "/scim/v2"],
    ["an FTP address", "ftp://example.com/scim"],
    ["credentials in the URL", "https://admin:pw@example.com/scim"],
    ["a query string", "https://example.com/scim?token=abc"],
    ["a fragment", "https://example.com/scim#x"],
  ])("refuses a base URL with %s", (_, baseUrl) => {
    expect(() => createScimClient({ baseUrl, token: "t" })).toThrow(/Sync endpoint must be a plain http\(s\) address/);
  });

  it.each(["", "   ", "two words", "tab\there"])("refuses the token %j", (token) => {
    expect(() => createScimClient({ baseUrl: "https://example.com/scim", token })).toThrow(TypeError);
  });

  it("keeps a trailing slash in the base URL from doubling", async () => {
    server = await startFakeServer((_, response) => sendJson(response, 200, fakeUser(1)));
    await createScimClient({ baseUrl: `${server.baseUrl}/`, token: "t" }).users.get("id-1");
    expect(server.requests[0]?.url).toBe("/scim/v2/Users/id-1");
  });
});

describe("the lookup option", () => {
  function countingLookup(answer: (hostname: string) => Error | string) {
    const asked: string[] = [];
    const lookup: LookupFunction = (hostname, options, callback) => {
      asked.push(hostname);
      const result = answer(hostname);
      setImmediate(() => {
        if (result instanceof Error) return callback(result, "", 0);
        if (options.all) return (callback as (error: null, addresses: { address: string; family: number }[]) => void)(null, [{ address: result, family: 4 }]);
        callback(null, result, 4);
      });
    };
    return { lookup, asked };
  }

  it("is asked once per new connection, not per request, and the connection goes to the address it answered", async () => {
    server = await startFakeServer((_, response) => sendJson(response, 200, fakeUser(1)));
    const { lookup, asked } = countingLookup(() => "127.0.0.1");
    // The name resolves nowhere: the requests arrive only because the lookup's answer is the address connected to.
    const scim = createScimClient({ baseUrl: server.baseUrl.replace("127.0.0.1", "scim.invalid"), token: "t", lookup });
    for (let index = 0; index < 10; index++) await scim.users.get("id-1");
    expect(server.requests).toHaveLength(10);
    // undici reuses a connection only a turn of the event loop after its answer, so back-to-back requests may open a second one.
    const connections = new Set(server.requests.map((request) => request.remotePort)).size;
    expect(connections).toBeLessThanOrEqual(2);
    expect(asked).toEqual(Array.from({ length: connections }, () => "scim.invalid"));
  });

  it("is asked for an IP literal too", async () => {
    server = await startFakeServer((_, response) => sendJson(response, 200, fakeUser(1)));
    const { lookup, asked } = countingLookup(() => "127.0.0.1");
    await createScimClient({ baseUrl: server.baseUrl, token: "t", lookup }).users.get("id-1");
    expect(asked).toEqual(["127.0.0.1"]);
  });

  it("refuses with the lookup's words: nothing is sent and nothing retried", async () => {
    server = await startFakeServer((_, response) => sendJson(response, 200, fakeUser(1)));
    const { lookup, asked } = countingLookup(() => new AddressRefusedError("Not there, and here is why."));
    const scim = createScimClient({ baseUrl: server.baseUrl, token: "t", retry: { retries: 3, minTimeoutMs: 1, maxTimeoutMs: 2 }, lookup });
    await expect(scim.users.create({ userName: "ann@example.com" })).rejects.toMatchObject({
      kind: "unreachable",
      code: "ADDRESS_REFUSED",
      retryable: false,
      message: "Not there, and here is why.",
    });
    expect(asked).toHaveLength(1);
    expect(server.requests).toEqual([]);
  });
});

describe("writes", () => {
  it.each([
    ["core attributes only", { userName: "a@example.com" }, [USER_URN]],
    ["the enterprise extension", { userName: "a@example.com", [ENTERPRISE_URN]: { department: "R&D" } }, [USER_URN, ENTERPRISE_URN]],
    ["the caller's own schemas", { schemas: ["custom"], userName: "a@example.com" }, ["custom"]],
  ])("adds schemas for %s", async (_, input, schemas) => {
    const scim = await clientFor((request, response) => sendJson(response, 201, { ...JSON.parse(request.body), id: "new" }));
    const created = await scim.users.create(input);
    expect(created.id).toBe("new");
    expect(sentBodies()[0]).toEqual({ ...input, schemas });
  });

  it("sends PUT with the whole resource to the encoded id", async () => {
    const scim = await clientFor((request, response) => sendJson(response, 200, { ...JSON.parse(request.body), id: "a/b c" }));
    await scim.users.replace("a/b c", { userName: "a@example.com", active: true });
    expect(server!.requests[0]).toMatchObject({ method: "PUT", url: "/scim/v2/Users/a%2Fb%20c" });
  });

  it.each(["", "  "])("refuses the empty id %j before sending anything", async (id) => {
    const scim = await clientFor(() => {});
    await expect(scim.users.delete(id)).rejects.toThrow(/id is empty/);
    expect(server!.requests).toHaveLength(0);
  });

  it("returns the patched resource when the server answers 200", async () => {
    const scim = await clientFor((_, response) => sendJson(response, 200, { ...fakeUser(1), active: false }));
    await expect(scim.users.patch("id-1", setActive(false))).resolves.toMatchObject({ active: false });
    expect(server!.requests.map((request) => request.method)).toEqual(["PATCH"]);
    expect(sentBodies()[0]).toEqual({
      schemas: ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
      Operations: [{ op: "replace", path: "active", value: false }],
    });
  });

  it("reads the resource back when PATCH answers 204", async () => {
    const scim = await clientFor((request, response) =>
      request.method === "PATCH" ? response.writeHead(204).end() : sendJson(response, 200, { id: "g1", displayName: "Admins", members: [{ value: "id-1" }] }),
    );
    await expect(scim.groups.patch("g1", addMembers(["id-1"]))).resolves.toMatchObject({ members: [{ value: "id-1" }] });
    expect(server!.requests.map((request) => request.method)).toEqual(["PATCH", "GET"]);
  });
});

describe("group members and names", () => {
  const PATCH_URN = "urn:ietf:params:scim:api:messages:2.0:PatchOp";

  it("sends Atlassian-style member PATCHes in chunks, one request each, without reading the group back", async () => {
    const scim = await clientFor((request, response) => (request.method === "PATCH" ? response.writeHead(204).end() : sendJson(response, 500, {})));
    const added = await scim.groups.addMembers("g 1", ["a", "b", "c", "a", "d", "e"], { chunkSize: 2 });
    const removed = await scim.groups.removeMembers("g 1", ["a", 'q"uote'], { chunkSize: 5 });
    expect([added.ok, removed.ok]).toEqual([true, true]);
    expect(added.chunks.map((chunk) => chunk.memberIds)).toEqual([["a", "b"], ["c", "d"], ["e"]]);
    expect(server!.requests.map((request) => `${request.method} ${request.url}`)).toEqual(Array.from({ length: 4 }, () => "PATCH /scim/v2/Groups/g%201"));
    expect(sentBodies()).toEqual([
      { schemas: [PATCH_URN], Operations: [{ op: "add", path: "members", value: [{ value: "a" }, { value: "b" }] }] },
      { schemas: [PATCH_URN], Operations: [{ op: "add", path: "members", value: [{ value: "c" }, { value: "d" }] }] },
      { schemas: [PATCH_URN], Operations: [{ op: "add", path: "members", value: [{ value: "e" }] }] },
      {
        schemas: [PATCH_URN],
        Operations: [
          { op: "remove", path: 'members[value eq "a"]' },
          { op: "remove", path: 'members[value eq "q\\"uote"]' },
        ],
      },
    ]);
  });

  it("sends nothing for no members, and refuses a bad chunk size or an empty id before sending", async () => {
    const scim = await clientFor((_, response) => response.writeHead(204).end());
    await expect(scim.groups.addMembers("g1", [])).resolves.toEqual({ chunks: [], notSent: [], ok: true });
    await expect(scim.groups.addMembers("g1", ["a"], { chunkSize: 0 })).rejects.toThrow(/chunk size must be a whole number/);
    await expect(scim.groups.removeMembers(" ", ["a"])).rejects.toThrow(/group id is empty/);
    await expect(scim.groups.addMembers("g1", [""])).rejects.toThrow(/member id is empty/);
    await expect(scim.groups.rename("g1", " ")).rejects.toThrow(/new name cannot be empty/);
    expect(server!.requests).toEqual([]);
  });

  it("renames with a PATCH replace of displayName", async () => {
    const scim = await clientFor((_, response) => sendJson(response, 200, { id: "g1", displayName: "New" }));
    await expect(scim.groups.rename("g1", "New")).resolves.toMatchObject({ displayName: "New" });
    expect(sentBodies()).toEqual([{ schemas: [PATCH_URN], Operations: [{ op: "replace", path: "displayName", value: "New" }] }]);
  });

  const scimError403 = { schemas: ["urn:ietf:params:scim:api:messages:2.0:Error"], status: "403", detail: "Managed outside SCIM." };
  it.each([
    ["a SCIM 403 on a change to a group", "/Groups/g1", scimError403, "forbidden"],
    ["Atlassian's token 403 on a change to a group", "/Groups/g1", { error: "Forbidden", traceId: "t" }, "unauthorized"],
    ["a SCIM 403 on a change to a user", "/Users/u1", scimError403, "unauthorized"],
  ])("classifies %s as %s", async (_, path, body, kind) => {
    const scim = await clientFor((_request, response) => sendJson(response, 403, body));
    const patch = { schemas: [PATCH_URN] as [typeof PATCH_URN], Operations: [{ op: "remove" as const, path: "x" }] };
    const call = path.startsWith("/Groups") ? scim.groups.patch("g1", patch) : scim.users.patch("u1", patch);
    await expect(call).rejects.toMatchObject({ kind, status: 403, retryable: false });
  });
});

describe("delete", () => {
  it("treats a 404 on a retry as done: the lost first answer was a success", async () => {
    let calls = 0;
    const scim = await clientFor((_, response) => (++calls === 1 ? response.writeHead(503).end() : response.writeHead(404).end()));
    await expect(scim.users.delete("id-1")).resolves.toBeUndefined();
    expect(calls).toBe(2);
  });

  it("reports a 404 on the first attempt", async () => {
    const scim = await clientFor((_, response) => response.writeHead(404).end());
    await expect(scim.users.delete("id-1")).rejects.toMatchObject({ kind: "notFound" });
  });
});

describe("lookups", () => {
  it("escapes the user name in the filter", async () => {
    const scim = await clientFor((_, response) => sendJson(response, 200, listOf([])));
    await scim.users.findByUserName('o"brien\\x@example.com');
    expect(sentFilters()[0]).toBe('userName eq "o\\"brien\\\\x@example.com"');
  });

  it("tries the lower-case user name when the exact one finds nothing", async () => {
    const stored = { ...fakeUser(1), userName: "ann@example.com" };
    const scim = await clientFor((request, response) =>
      sendJson(response, 200, listOf(pagingOf(request.url).filter === 'userName eq "ann@example.com"' ? [stored] : [])),
    );
    await expect(scim.users.findByUserName("Ann@Example.com")).resolves.toMatchObject({ id: "id-1" });
    expect(sentFilters()).toEqual(['userName eq "Ann@Example.com"', 'userName eq "ann@example.com"']);
  });

  it("asks once when the user name is already lower case", async () => {
    const scim = await clientFor((_, response) => sendJson(response, 200, listOf([])));
    await expect(scim.users.findByUserName("ann@example.com")).resolves.toBeUndefined();
    expect(server!.requests).toHaveLength(1);
  });

  it("matches user names without regard to case", async () => {
    const scim = await clientFor((_, response) => sendJson(response, 200, listOf([{ id: "x", userName: "ANN@example.com" }])));
    await expect(scim.users.findByUserName("ann@EXAMPLE.com")).resolves.toMatchObject({ id: "x" });
  });

  it.each([
    ["findByUserName", (scim: ReturnType<typeof createScimClient>) => scim.users.findByUserName("ann@example.com")],
    ["findByExternalId", (scim: ReturnType<typeof createScimClient>) => scim.users.findByExternalId("ext-1")],
    ["findByDisplayName", (scim: ReturnType<typeof createScimClient>) => scim.groups.findByDisplayName("Admins")],
  ])("%s does not trust a server that ignores the filter", async (_, find) => {
    const scim = await clientFor((_, response) =>
      sendJson(response, 200, listOf([{ id: "other", userName: "bob@example.com", externalId: "ext-2", displayName: "Everyone" }])),
    );
    await expect(find(scim)).resolves.toBeUndefined();
  });

  it("compares externalId exactly", async () => {
    const scim = await clientFor((_, response) => sendJson(response, 200, listOf([{ id: "x", userName: "a", externalId: "EXT-1" }])));
    await expect(scim.users.findByExternalId("ext-1")).resolves.toBeUndefined();
    await expect(scim.users.findByExternalId("EXT-1")).resolves.toMatchObject({ id: "x" });
  });
});

describe("retries and concurrency", () => {
  const failFirst = (status: number, times = 1, headers: Record<string, string> = {}): FakeHandler => {
    let calls = 0;
    return (request, response) => {
      calls += 1;
      if (calls <= times) return void response.writeHead(status, headers).end();
      sendJson(response, request.method === "POST" ? 201 : 200, fakeUser(1));
    };
  };

  it.each([
    ["a GET after a 500", "GET", 500, {}, 2],
    ["a GET after a 502", "GET", 502, {}, 2],
    ["a create after a 503", "POST", 503, {}, 2],
    ["a create after a 429", "POST", 429, { "retry-after": "0" }, 2],
    ["a create after a 500 (may have been created)", "POST", 500, {}, 1],
    ["a GET after a 400", "GET", 400, {}, 1],
  ] as const)("sends %s the right number of times", async (_, method, status, headers, requests) => {
    const scim = await clientFor(failFirst(status, 1, headers));
    const call = method === "POST" ? scim.users.create({ userName: "a" }) : scim.users.get("id-1");
    await call.catch(() => undefined);
    expect(server!.requests).toHaveLength(requests);
  });

  it("retries an ambiguous create when told to", async () => {
    const scim = await clientFor(failFirst(500), { retry: { retries: 2, minTimeoutMs: 1, retryAmbiguousCreates: true } });
    await expect(scim.users.create({ userName: "a" })).resolves.toMatchObject({ id: "id-1" });
    expect(server!.requests).toHaveLength(2);
  });

  it("does not resend a create that timed out", async () => {
    const scim = await clientFor(() => {}, { timeouts: { headersMs: 50 } });
    await expect(scim.users.create({ userName: "a" })).rejects.toMatchObject({ kind: "timeout" });
    expect(server!.requests).toHaveLength(1);
  });

  it("tells the caller about each retry", async () => {
    const seen: string[] = [];
    const scim = await clientFor(failFirst(503, 2), { retry: { minTimeoutMs: 1, onRetry: ({ error, attempt }) => seen.push(`${attempt}:${error.status}`) } });
    await scim.users.get("id-1");
    expect(seen).toEqual(["1:503", "2:503"]);
  });

  it.each([
    [undefined, 4],
    [1, 1],
    [8, 8],
  ])("keeps at most %s (default 4) requests in flight", async (concurrency, expected) => {
    let inFlight = 0;
    let peak = 0;
    const scim = await clientFor(
      (_, response) => {
        inFlight += 1;
        peak = Math.max(peak, inFlight);
        setTimeout(() => {
          inFlight -= 1;
          sendJson(response, 200, fakeUser(1));
        }, 20);
      },
      { concurrency },
    );
    await Promise.all(Array.from({ length: 20 }, () => scim.users.get("id-1")));
    expect(peak).toBe(expected);
  });
});

describe("getServiceProviderConfig", () => {
  it("reads the features the client decides on and keeps the rest", async () => {
    const scim = await clientFor((_, response) =>
      sendJson(response, 200, { patch: { supported: true }, filter: { supported: true, maxResults: 100 }, documentationUri: "https://example.com" }),
    );
    await expect(scim.getServiceProviderConfig()).resolves.toMatchObject({
      patch: { supported: true },
      filter: { maxResults: 100 },
      documentationUri: "https://example.com",
    });
    expect(server!.requests[0]?.url).toBe("/scim/v2/ServiceProviderConfig");
  });
});

describe("onAttempt", () => {
  const USER_PATH = "/Users/id-1";
  const failThen = (statuses: number[], delayMs = 0): FakeHandler => {
    let calls = 0;
    return (request, response) => {
      const status = statuses[calls++];
      setTimeout(() => {
        if (status !== undefined) return void response.writeHead(status, { "retry-after": "0" }).end();
        if (request.method === "DELETE") return void response.writeHead(204).end();
        sendJson(response, request.method === "POST" ? 201 : 200, request.url.includes("?") ? listOf([fakeUser(1)]) : fakeUser(1));
      }, delayMs);
    };
  };

  it("reports every attempt of a retried call, each with its own duration", async () => {
    const scim = await clientFor(failThen([503, 429], 60), { retry: { retries: 3, minTimeoutMs: 50, maxTimeoutMs: 50 } });
    const attempts: AttemptReport[] = [];
    const startedAt = performance.now();
    await scim.users.get("id-1", { onAttempt: (attempt) => attempts.push(attempt) });
    const elapsedMs = performance.now() - startedAt;

    expect(
      attempts.map(({ attempt, of, method, path, status, willRetry, error }) => ({ attempt, of, method, path, status, willRetry, kind: error?.kind })),
    ).toEqual([
      { attempt: 1, of: 4, method: "GET", path: USER_PATH, status: 503, willRetry: true, kind: "transient" },
      { attempt: 2, of: 4, method: "GET", path: USER_PATH, status: 429, willRetry: true, kind: "rateLimited" },
      { attempt: 3, of: 4, method: "GET", path: USER_PATH, status: 200, willRetry: false, kind: undefined },
    ]);
    expect(attempts[0]?.error?.message).toMatch(/HTTP 503/);
    for (const { durationMs } of attempts) expect(durationMs).toBeGreaterThanOrEqual(50);
    // Each attempt is timed alone: the backoff between them is in nobody's duration.
    const total = attempts.reduce((sum, { durationMs }) => sum + durationMs, 0);
    expect(total).toBeLessThanOrEqual(elapsedMs - 2 * 50);
  });

  it("reports a failure that is not retried once, and the call still rejects", async () => {
    const scim = await clientFor(failThen([500]));
    const attempts: AttemptReport[] = [];
    await expect(scim.users.create({ userName: "a" }, { onAttempt: (attempt) => attempts.push(attempt) })).rejects.toMatchObject({ kind: "transient" });
    expect(attempts).toMatchObject([{ attempt: 1, of: 4, method: "POST", path: "/Users", status: 500, willRetry: false, error: { kind: "transient" } }]);
  });

  it("reports a timeout with no status and the words of the error", async () => {
    const scim = await clientFor(() => {}, { retry: { retries: 0 }, timeouts: { headersMs: 50 } });
    const attempts: AttemptReport[] = [];
    await expect(scim.users.get("id-1", { onAttempt: (attempt) => attempts.push(attempt) })).rejects.toMatchObject({ kind: "timeout" });
    expect(attempts).toMatchObject([{ attempt: 1, of: 1, status: null, willRetry: false, error: { kind: "timeout" } }]);
    expect(attempts[0]?.error?.message).toMatch(/^The app answered too slowly/);
  });

  it("times each request from when it is sent, not from when it was queued behind others", async () => {
    const scim = await clientFor(failThen([], 100), { concurrency: 1 });
    const attempts: AttemptReport[] = [];
    const onAttempt = (attempt: AttemptReport) => attempts.push(attempt);
    await Promise.all([scim.users.get("id-1", { onAttempt }), scim.users.get("id-1", { onAttempt }), scim.users.get("id-1", { onAttempt })]);
    expect(attempts).toHaveLength(3);
    // The third waited for two others (200 ms or more) before it was sent; its duration leaves that out.
    for (const { durationMs } of attempts) expect(durationMs).toBeLessThan(200);
  });

  it("counts a 404 on a retried delete as the attempt that did the job", async () => {
    const scim = await clientFor(failThen([503, 404]));
    const attempts: AttemptReport[] = [];
    await scim.users.delete("id-1", { onAttempt: (attempt) => attempts.push(attempt) });
    expect(attempts).toMatchObject([
      { attempt: 1, status: 503, willRetry: true },
      { attempt: 2, status: 404, willRetry: false },
    ]);
    expect(attempts[1]?.error).toBeUndefined();
  });

  it("is ignored when it throws: a create that worked is not reported failed", async () => {
    const scim = await clientFor(failThen([]));
    const onAttempt = () => {
      throw new Error("the log is full");
    };
    await expect(scim.users.create({ userName: "a" }, { onAttempt })).resolves.toMatchObject({ id: "id-1" });
    expect(server!.requests).toHaveLength(1);
  });

  type Call = (scim: ReturnType<typeof createScimClient>, options: { onAttempt: (attempt: AttemptReport) => void }) => Promise<unknown>;
  it.each<[string, Call, string, string]>([
    ["create", (scim, options) => scim.users.create({ userName: "a" }, options), "POST", "/Users"],
    ["get", (scim, options) => scim.users.get("id-1", options), "GET", USER_PATH],
    ["replace", (scim, options) => scim.users.replace("id-1", { userName: "a" }, options), "PUT", USER_PATH],
    ["patch", (scim, options) => scim.users.patch("id-1", setActive(false), options), "PATCH", USER_PATH],
    ["delete", (scim, options) => scim.users.delete("id-1", options), "DELETE", USER_PATH],
    ["findByUserName", (scim, options) => scim.users.findByUserName("user1@example.com", options), "GET", "/Users"],
    ["findByExternalId", (scim, options) => scim.users.findByExternalId("ext-1", options), "GET", "/Users"],
    ["listPage", (scim, options) => scim.users.listPage(1, 10, undefined, options), "GET", "/Users"],
  ])("is taken by %s", async (_, call, method, path) => {
    const scim = await clientFor(failThen([503]));
    const attempts: AttemptReport[] = [];
    await call(scim, { onAttempt: (attempt) => attempts.push(attempt) });
    expect(attempts).toMatchObject([
      { attempt: 1, method, path, status: 503, willRetry: true },
      { attempt: 2, method, path, willRetry: false },
    ]);
    expect(attempts[1]?.error).toBeUndefined();
  });
});
