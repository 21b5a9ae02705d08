import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startSandbox, type RunningSandbox } from "./index.ts";

// These tests talk raw HTTP, not through lib/scim, so that the sandbox is checked against
// Atlassian's documented behaviour rather than against what the client happens to send.

const TOKEN = "sandbox-test-token";
const CORE = "urn:ietf:params:scim:schemas:core:2.0:User";
const GROUP = "urn:ietf:params:scim:schemas:core:2.0:Group";
const PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
const ATLASSIAN = "urn:scim:schemas:extension:atlassian-external:1.0";

interface Answer {
  status: number;
  headers: Headers;
  /** JSON of many shapes, asserted field by field. */
  body: any;
}

async function call(sandbox: RunningSandbox, method: string, path: string, body?: unknown, token = TOKEN): Promise<Answer> {
  const url = path.startsWith("/__sandbox/") ? `${sandbox.origin}${path}` : `${sandbox.baseUrl}${path}`;
  const response = await fetch(url, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { "content-type": "application/scim+json" }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined };
}

const userBody = (name: string, extra: Record<string, unknown> = {}) => ({
  schemas: [CORE],
  userName: name,
  emails: [{ value: name, type: "work", primary: true }],
  ...extra,
});

let sandbox: RunningSandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ token: TOKEN, quiet: true, directoryId: "dir-1" });
});
afterAll(() => sandbox.close());
beforeEach(async () => {
  await call(sandbox, "POST", "/__sandbox/faults", {});
  await call(sandbox, "POST", "/__sandbox/reset");
});

describe("authentication", () => {
  it.each([
    ["a wrong token", "GET", "/Users", "wrong"],
    ["no token on discovery", "GET", "/ServiceProviderConfig", ""],
    ["a wrong token on a write", "POST", "/Users", "wrong"],
  ])("answers %s with Atlassian's non-SCIM 401 body", async (_, method, path, token) => {
    const answer = await call(sandbox, method, path, method === "POST" ? userBody("a@example.com") : undefined, token);
    expect(answer.status).toBe(401);
    expect(answer.body).toEqual({ error: "Unauthorized", traceId: expect.stringMatching(/^[0-9a-f]{16}$/) });
  });

  it("answers an unknown directory with 404", async () => {
    const response = await fetch(`${sandbox.origin}/scim/directory/other/Users`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(response.status).toBe(404);
  });

  it("guards the controls with the admin token", async () => {
    expect((await call(sandbox, "GET", "/__sandbox/stats", undefined, "wrong")).status).toBe(401);
  });
});

describe("users", () => {
  it("creates a user as Atlassian does", async () => {
    const answer = await call(
      sandbox,
      "POST",
      "/Users",
      userBody("Dana@Example.com", { id: "mine", shoeSize: 42, [ATLASSIAN]: { atlassianAccountId: "forged" } }),
    );
    expect(answer.status).toBe(201);
    expect(answer.headers.get("content-type")).toMatch(/^application\/scim\+json/);
    expect(answer.headers.get("location")).toBe(`${sandbox.baseUrl}/Users/${answer.body.id}`);
    expect(answer.body).toMatchObject({
      schemas: [ATLASSIAN, CORE, "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      userName: "Dana@Example.com",
      active: true,
      [ATLASSIAN]: { atlassianAccountId: expect.stringMatching(/^[0-9a-f]{24}$/) },
      meta: { resourceType: "User", created: expect.any(String), lastModified: expect.any(String), location: expect.any(String) },
    });
    expect(answer.body.id).not.toBe("mine");
    expect(answer.body[ATLASSIAN].atlassianAccountId).not.toBe("forged");
    expect(answer.body).not.toHaveProperty("shoeSize");
  });

  it.each([
    ["no schemas", { userName: "a", emails: [{ value: "a", primary: true }] }, "invalidSyntax"],
    ["no userName", { schemas: [CORE], emails: [{ value: "a", primary: true }] }, "invalidValue"],
    ["no e-mail", { schemas: [CORE], userName: "a" }, "invalidValue"],
    ["no primary e-mail", { schemas: [CORE], userName: "a", emails: [{ value: "a" }] }, "invalidValue"],
    [
      "two primary e-mails",
      {
        schemas: [CORE],
        userName: "a",
        emails: [
          { value: "a", primary: true },
          { value: "b", primary: true },
        ],
      },
      "invalidValue",
    ],
    ["active as a string", { ...userBody("a"), active: "true" }, "invalidValue"],
    ["a name that is not an object", { ...userBody("a"), name: "Dana" }, "invalidValue"],
  ])("refuses a user with %s", async (_, body, scimType) => {
    const answer = await call(sandbox, "POST", "/Users", body);
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ schemas: ["urn:ietf:params:scim:api:messages:2.0:Error"], status: "400", scimType });
  });

  it.each([
    [
      "the user name",
      userBody("dana@example.com"),
      userBody("DANA@example.com", { emails: [{ value: "x@example.com", primary: true }] }),
      "userName[DANA@example.com]",
    ],
    ["an e-mail", userBody("dana@example.com"), userBody("dana2", { emails: [{ value: "Dana@Example.com", primary: true }] }), "email[Dana@Example.com]"],
    ["the externalId", userBody("dana@example.com", { externalId: "e1" }), userBody("other@example.com", { externalId: "e1" }), "externalId[e1]"],
  ])("answers a duplicate %s with Atlassian's 409", async (_, first, second, what) => {
    await call(sandbox, "POST", "/Users", first);
    const answer = await call(sandbox, "POST", "/Users", second);
    expect(answer.status).toBe(409);
    expect(answer.body).toEqual({
      schemas: ["urn:ietf:params:scim:api:messages:2.0:Error"],
      status: "409",
      scimType: "uniqueness",
      detail: `Resource [USER]: with ${what} already exists.`,
    });
  });

  it("replaces with PUT, clearing what is left out and keeping what is read-only", async () => {
    const created = (await call(sandbox, "POST", "/Users", userBody("dana@example.com", { title: "CTO", name: { givenName: "Dana" } }))).body;
    await new Promise((resolve) => setTimeout(resolve, 5));
    const replaced = await call(
      sandbox,
      "PUT",
      `/Users/${created.id}`,
      userBody("dana@example.com", { displayName: "Dana", [ATLASSIAN]: { atlassianAccountId: "forged" } }),
    );
    expect(replaced.status).toBe(200);
    expect(replaced.body).toMatchObject({ id: created.id, displayName: "Dana", [ATLASSIAN]: created[ATLASSIAN], meta: { created: created.meta.created } });
    expect(replaced.body).not.toHaveProperty("title");
    expect(replaced.body).not.toHaveProperty("name");
    expect(replaced.body.meta.lastModified > created.meta.lastModified).toBe(true);
  });

  it("patches with Operations or operations, ops in any case", async () => {
    const { id } = (await call(sandbox, "POST", "/Users", userBody("dana@example.com"))).body;
    const first = await call(sandbox, "PATCH", `/Users/${id}`, { schemas: [PATCH_OP], Operations: [{ op: "Replace", path: "active", value: false }] });
    expect(first).toMatchObject({ status: 200, body: { active: false } });
    const second = await call(sandbox, "PATCH", `/Users/${id}`, { schemas: [PATCH_OP], operations: [{ op: "add", path: "title", value: "CTO" }] });
    expect(second).toMatchObject({ status: 200, body: { active: false, title: "CTO" } });
  });

  it.each([
    ["without the PatchOp schema", { Operations: [{ op: "replace", path: "title", value: "x" }] }, "invalidSyntax"],
    ["with an unknown op", { schemas: [PATCH_OP], Operations: [{ op: "move", path: "title", value: "x" }] }, "invalidSyntax"],
    ["on the id", { schemas: [PATCH_OP], Operations: [{ op: "replace", path: "id", value: "x" }] }, "mutability"],
    ["on the account id", { schemas: [PATCH_OP], Operations: [{ op: "replace", path: `${ATLASSIAN}:atlassianAccountId`, value: "x" }] }, "mutability"],
    ["removing the user name", { schemas: [PATCH_OP], Operations: [{ op: "remove", path: "userName" }] }, "invalidValue"],
  ])("refuses a PATCH %s", async (_, body, scimType) => {
    const { id } = (await call(sandbox, "POST", "/Users", userBody("dana@example.com"))).body;
    expect(await call(sandbox, "PATCH", `/Users/${id}`, body)).toMatchObject({ status: 400, body: { scimType } });
  });

  it("applies a PATCH entirely or not at all", async () => {
    const { id } = (await call(sandbox, "POST", "/Users", userBody("dana@example.com", { title: "CTO" }))).body;
    const operations = [
      { op: "replace", path: "title", value: "Intern" },
      { op: "replace", path: "shoeSize", value: 42 },
    ];
    expect((await call(sandbox, "PATCH", `/Users/${id}`, { schemas: [PATCH_OP], Operations: operations })).status).toBe(400);
    expect((await call(sandbox, "GET", `/Users/${id}`)).body.title).toBe("CTO");
  });

  it("deletes the SCIM record and its memberships", async () => {
    const { id } = (await call(sandbox, "POST", "/Users", userBody("dana@example.com"))).body;
    const group = (await call(sandbox, "POST", "/Groups", { schemas: [GROUP], displayName: "Admins", members: [{ value: id }] })).body;
    expect((await call(sandbox, "DELETE", `/Users/${id}`)).status).toBe(204);
    expect((await call(sandbox, "GET", `/Users/${id}`)).status).toBe(404);
    expect((await call(sandbox, "PATCH", `/Users/${id}`, { schemas: [PATCH_OP], Operations: [{ op: "replace", path: "active", value: true }] })).status).toBe(
      404,
    );
    expect((await call(sandbox, "GET", `/Groups/${group.id}`)).body.members).toEqual([]);
  });
});

describe("listing users", () => {
  let listing: RunningSandbox;
  beforeAll(async () => {
    const seedUsers = Array.from({ length: 250 }, (_, index) => userBody(`user${index + 1}@example.com`, { externalId: `Ext-${index + 1}` }));
    listing = await startSandbox({ token: TOKEN, quiet: true, seedUsers });
  });
  afterAll(() => listing.close());

  it.each([
    ["", 250, 1, 100, "user1@example.com"],
    ["?count=500", 250, 1, 100, "user1@example.com"],
    ["?startIndex=201&count=100", 250, 201, 50, "user201@example.com"],
    ["?startIndex=0&count=2", 250, 1, 2, "user1@example.com"],
    ["?count=0", 250, 1, 0, undefined],
    ["?startIndex=251", 250, 251, 0, undefined],
    [`?filter=${encodeURIComponent('userName eq "USER7@example.com"')}`, 1, 1, 1, "user7@example.com"],
    [`?filter=${encodeURIComponent('externalId eq "Ext-7"')}`, 1, 1, 1, "user7@example.com"],
    [`?filter=${encodeURIComponent('externalId eq "ext-7"')}`, 0, 1, 0, undefined],
  ])("GET /Users%s", async (query, totalResults, startIndex, itemsPerPage, firstUserName) => {
    const { status, body } = await call(listing, "GET", `/Users${query}`);
    expect(status).toBe(200);
    expect(body).toMatchObject({ schemas: ["urn:ietf:params:scim:api:messages:2.0:ListResponse"], totalResults, startIndex, itemsPerPage });
    expect(body.Resources).toHaveLength(itemsPerPage);
    expect(body.Resources[0]?.userName).toBe(firstUserName);
  });

  it.each(['emails.value eq "user1@example.com"', 'userName sw "user1"', 'displayName eq "x"'])("refuses the filter %s", async (filter) => {
    const answer = await call(listing, "GET", `/Users?filter=${encodeURIComponent(filter)}`);
    expect(answer).toMatchObject({ status: 400, body: { scimType: "invalidFilter", detail: "Caller has provided an invalid filter" } });
  });
});

describe("groups", () => {
  it("refuses a duplicate display name with Atlassian's 409", async () => {
    await call(sandbox, "POST", "/Groups", { schemas: [GROUP], displayName: "Admins" });
    const answer = await call(sandbox, "POST", "/Groups", { schemas: [GROUP], displayName: "ADMINS" });
    expect(answer).toMatchObject({ status: 409, body: { scimType: "uniqueness", detail: "Resource [GROUP]: with displayName already exists." } });
  });

  it("refuses members that are not users", async () => {
    const answer = await call(sandbox, "POST", "/Groups", { schemas: [GROUP], displayName: "Admins", members: [{ value: "ghost" }] });
    expect(answer).toMatchObject({ status: 400, body: { detail: "The users referenced do not exist: ghost." } });
  });

  it("filters only on displayName", async () => {
    await call(sandbox, "POST", "/Groups", { schemas: [GROUP], displayName: "Admins" });
    expect((await call(sandbox, "GET", `/Groups?filter=${encodeURIComponent('displayName eq "admins"')}`)).body.totalResults).toBe(1);
    expect((await call(sandbox, "GET", `/Groups?filter=${encodeURIComponent('userName eq "a"')}`)).status).toBe(400);
  });

  it("fills in member names and references", async () => {
    const user = (await call(sandbox, "POST", "/Users", userBody("dana@example.com", { displayName: "Dana Lee" }))).body;
    const group = (await call(sandbox, "POST", "/Groups", { schemas: [GROUP], displayName: "Admins", members: [{ value: user.id, display: "ignored" }] })).body;
    expect(group.members).toEqual([{ value: user.id, display: "Dana Lee", type: "User", $ref: `${sandbox.baseUrl}/Users/${user.id}` }]);
  });

  it("lists on each user the groups it is a member of, read-only, as Atlassian does, and keeps them current", async () => {
    const ann = (await call(sandbox, "POST", "/Users", userBody("ann@example.com"))).body;
    const bob = (await call(sandbox, "POST", "/Users", userBody("bob@example.com"))).body;
    expect(ann).not.toHaveProperty("groups");
    const admins = (await call(sandbox, "POST", "/Groups", { schemas: [GROUP], displayName: "Admins", members: [{ value: ann.id }, { value: bob.id }] })).body;
    const team = (await call(sandbox, "POST", "/Groups", { schemas: [GROUP], displayName: "Team", members: [{ value: ann.id }] })).body;
    const reference = (group: { id: string; displayName: string }) => ({
      value: group.id,
      display: group.displayName,
      type: "direct",
      $ref: `${sandbox.baseUrl}/Groups/${group.id}`,
    });

    expect((await call(sandbox, "GET", `/Users/${ann.id}`)).body.groups).toEqual([reference(admins), reference(team)]);
    const listed = (await call(sandbox, "GET", "/Users")).body.Resources as { id: string; groups?: unknown }[];
    expect(listed.map((user) => [user.id, user.groups])).toEqual([
      [ann.id, [reference(admins), reference(team)]],
      [bob.id, [reference(admins)]],
    ]);

    // Written through /Groups only: a user's `groups` in a PUT is ignored.
    const put = await call(sandbox, "PUT", `/Users/${bob.id}`, userBody("bob@example.com", { groups: [{ value: team.id }] }));
    expect(put.body.groups).toEqual([reference(admins)]);
    await call(sandbox, "PATCH", `/Groups/${admins.id}`, { schemas: [PATCH_OP], Operations: [{ op: "remove", path: `members[value eq "${ann.id}"]` }] });
    await call(sandbox, "DELETE", `/Groups/${team.id}`);
    expect((await call(sandbox, "GET", `/Users/${ann.id}`)).body).not.toHaveProperty("groups");
    expect((await call(sandbox, "GET", `/Users/${bob.id}`)).body.groups).toEqual([reference(admins)]);
  });
});

describe("group members and limits", () => {
  const groupPatch = (...operations: Record<string, unknown>[]) => ({ schemas: [PATCH_OP], Operations: operations });
  const newUsers = async (count: number, prefix = "member") =>
    Promise.all(
      Array.from({ length: count }, async (_, index) => (await call(sandbox, "POST", "/Users", userBody(`${prefix}${index}@example.com`))).body.id as string),
    );
  const membersOf = async (id: string) => (await call(sandbox, "GET", `/__sandbox/groups/${id}/members`)).body as string[];

  afterEach(async () => {
    await call(sandbox, "POST", "/__sandbox/limits", { groupMemberCap: 35_000 });
  });

  it("adds members Atlassian's way and removes them by value filter or by value list", async () => {
    const [ann, bob, cat, dan] = await newUsers(4);
    const group = (await call(sandbox, "POST", "/Groups", { schemas: [GROUP], displayName: "Team" })).body.id as string;

    const added = await call(
      sandbox,
      "PATCH",
      `/Groups/${group}`,
      groupPatch({ op: "add", path: "members", value: [ann, bob, cat, dan].map((value) => ({ value })) }),
    );
    expect(added.status).toBe(200);
    expect(added.body.members.map((member: { value: string }) => member.value)).toEqual([ann, bob, cat, dan]);
    // Adding someone already there keeps one of them.
    await call(sandbox, "PATCH", `/Groups/${group}`, groupPatch({ op: "add", path: "members", value: [{ value: ann }] }));
    expect(await membersOf(group)).toEqual([bob, cat, dan, ann]);

    const filtered = groupPatch({ op: "remove", path: `members[value eq "${ann}"]` }, { op: "remove", path: `members[value eq "${bob}"]` });
    expect((await call(sandbox, "PATCH", `/Groups/${group}`, filtered)).status).toBe(200);
    expect(await membersOf(group)).toEqual([cat, dan]);
    expect((await call(sandbox, "PATCH", `/Groups/${group}`, groupPatch({ op: "remove", path: "members", value: [{ value: cat }] }))).status).toBe(200);
    expect(await membersOf(group)).toEqual([dan]);
  });

  it("refuses more members than the cap with a plain 400, on create, PUT and PATCH, and changes nothing", async () => {
    expect((await call(sandbox, "GET", "/__sandbox/limits")).body).toEqual({ groupMemberCap: 35_000 });
    expect(await call(sandbox, "POST", "/__sandbox/limits", { groupMemberCap: 3 })).toMatchObject({ status: 200, body: { groupMemberCap: 3 } });
    const ids = await newUsers(4);
    const tooMany = ids.map((value) => ({ value }));
    const refused = (count: number) => ({
      status: 400,
      body: { scimType: "invalidValue", detail: `A group can have at most 3 members; this request would give “Capped” ${count}.` },
    });

    expect(await call(sandbox, "POST", "/Groups", { schemas: [GROUP], displayName: "Capped", members: tooMany })).toMatchObject(refused(4));
    const group = (await call(sandbox, "POST", "/Groups", { schemas: [GROUP], displayName: "Capped", members: tooMany.slice(0, 2) })).body.id as string;
    expect(await call(sandbox, "PUT", `/Groups/${group}`, { schemas: [GROUP], displayName: "Capped", members: tooMany })).toMatchObject(refused(4));
    expect(await call(sandbox, "PATCH", `/Groups/${group}`, groupPatch({ op: "add", path: "members", value: tooMany.slice(2) }))).toMatchObject(refused(4));
    expect(await membersOf(group)).toEqual(ids.slice(0, 2));
    // Up to the cap is fine.
    expect((await call(sandbox, "PATCH", `/Groups/${group}`, groupPatch({ op: "add", path: "members", value: tooMany.slice(2, 3) }))).status).toBe(200);
    expect(await membersOf(group)).toEqual(ids.slice(0, 3));
  });

  it("refuses a misspelt or impossible limit", async () => {
    expect(await call(sandbox, "POST", "/__sandbox/limits", { groupMemberLimit: 3 })).toMatchObject({
      status: 400,
      body: { detail: expect.stringMatching(/^Invalid limits/) },
    });
    expect((await call(sandbox, "POST", "/__sandbox/limits", { groupMemberCap: 0 })).status).toBe(400);
    expect((await call(sandbox, "GET", "/__sandbox/limits")).body).toEqual({ groupMemberCap: 35_000 });
  });

  it("lists and shows site groups, but refuses to change or delete them over SCIM, and a SCIM group of the same name", async () => {
    const [ann] = await newUsers(1);
    const site = await call(sandbox, "POST", "/__sandbox/groups", { displayName: "confluence-users", members: [{ value: ann }] });
    expect(site).toMatchObject({ status: 201, body: { displayName: "confluence-users", siteGroup: true } });
    const id = site.body.id as string;

    const listed = await call(sandbox, "GET", `/Groups?filter=${encodeURIComponent('displayName eq "confluence-users"')}`);
    expect(listed.body).toMatchObject({ totalResults: 1, Resources: [{ id, displayName: "confluence-users", members: [{ value: ann }] }] });
    expect(await call(sandbox, "GET", `/Groups/${id}`)).toMatchObject({ status: 200, body: { id } });

    const forbidden = {
      status: 403,
      body: {
        detail: "The group “confluence-users” is managed outside SCIM (it was not created by this directory), so it cannot be changed or deleted over SCIM.",
      },
    };
    expect(await call(sandbox, "PATCH", `/Groups/${id}`, groupPatch({ op: "remove", path: `members[value eq "${ann}"]` }))).toMatchObject(forbidden);
    expect(await call(sandbox, "PUT", `/Groups/${id}`, { schemas: [GROUP], displayName: "confluence-users" })).toMatchObject(forbidden);
    expect(await call(sandbox, "DELETE", `/Groups/${id}`)).toMatchObject(forbidden);
    expect(await membersOf(id)).toEqual([ann]);

    const again = await call(sandbox, "POST", "/Groups", { schemas: [GROUP], displayName: "Confluence-Users" });
    expect(again).toMatchObject({ status: 409, body: { scimType: "uniqueness", detail: "Resource [GROUP]: with displayName already exists." } });
    expect((await call(sandbox, "GET", "/__sandbox/groups")).body).toEqual([expect.objectContaining({ id, siteGroup: true })]);
  });

  it("answers the admin's member list only for a group it has", async () => {
    expect((await call(sandbox, "GET", "/__sandbox/groups/nope/members")).status).toBe(404);
    expect((await call(sandbox, "POST", "/__sandbox/groups", { members: [] })).status).toBe(400);
  });
});

describe("discovery", () => {
  it.each([
    ["/ServiceProviderConfig", { patch: { supported: true }, filter: { supported: true, maxResults: 100 }, etag: { supported: false } }],
    ["/ResourceTypes", { totalResults: 2 }],
    ["/ResourceTypes/User", { id: "User", endpoint: "/Users" }],
    ["/Schemas", { totalResults: 4 }],
    [
      `/Schemas/${CORE}`,
      { id: CORE, attributes: expect.arrayContaining([expect.objectContaining({ name: "userName", required: true, uniqueness: "server" })]) },
    ],
  ])("GET %s", async (path, expected) => {
    expect(await call(sandbox, "GET", path)).toMatchObject({ status: 200, body: expected });
  });

  it("answers an unknown schema with 404", async () => {
    expect((await call(sandbox, "GET", "/Schemas/urn:nope")).status).toBe(404);
  });
});

describe("controls", () => {
  it("counts requests by method and status", async () => {
    await call(sandbox, "POST", "/Users", userBody("dana@example.com"));
    await call(sandbox, "POST", "/Users", userBody("dana@example.com"));
    await call(sandbox, "GET", "/Users", undefined, "wrong");
    const { body } = await call(sandbox, "GET", "/__sandbox/stats");
    expect(body).toMatchObject({ total: 3, byMethod: { POST: 2, GET: 1 }, byStatus: { "201": 1, "409": 1, "401": 1 }, byMethodAndStatus: { "POST 201": 1 } });
  });

  it("dumps the stored users and resets them", async () => {
    await call(sandbox, "POST", "/Users", userBody("dana@example.com"));
    expect((await call(sandbox, "GET", "/__sandbox/users")).body).toEqual([expect.objectContaining({ userName: "dana@example.com" })]);
    await call(sandbox, "POST", "/__sandbox/reset");
    expect((await call(sandbox, "GET", "/__sandbox/users")).body).toEqual([]);
  });

  it("refuses misspelt fault settings", async () => {
    const answer = await call(sandbox, "POST", "/__sandbox/faults", { errorRate: 0.5 });
    expect(answer).toMatchObject({ status: 400, body: { detail: expect.stringMatching(/Invalid fault settings/) } });
  });
});

describe("faults", () => {
  it.each([
    [{ rateLimitRate: 1, retryAfterSeconds: 3 }, 429, "3"],
    [{ serverErrorRate: 1, seed: 2 }, 503, "1"],
  ])("injects %o before doing anything", async (faults, status, retryAfter) => {
    await call(sandbox, "POST", "/__sandbox/faults", faults);
    const answer = await call(sandbox, "POST", "/Users", userBody("dana@example.com"));
    expect(answer.status).toBe(status);
    expect(answer.headers.get("retry-after")).toBe(retryAfter);
    await call(sandbox, "POST", "/__sandbox/faults", {});
    expect((await call(sandbox, "GET", "/__sandbox/users")).body).toEqual([]);
  });

  it("replays the same statuses for the same seed", async () => {
    const statuses = async () => {
      await call(sandbox, "POST", "/__sandbox/faults", { serverErrorRate: 0.3, rateLimitRate: 0.2, seed: 42 });
      const seen: number[] = [];
      for (let index = 0; index < 30; index += 1) seen.push((await call(sandbox, "GET", "/Users?count=1")).status);
      return seen;
    };
    const first = await statuses();
    expect(new Set(first)).toEqual(new Set([200, 429, 500, 503]));
    expect(await statuses()).toEqual(first);
  });

  it("delays answers", async () => {
    await call(sandbox, "POST", "/__sandbox/faults", { latencyMs: 120 });
    const startedAt = performance.now();
    await call(sandbox, "GET", "/Users");
    expect(performance.now() - startedAt).toBeGreaterThanOrEqual(115);
  });

  it("holds a request for hangMs, then carries it out", async () => {
    await call(sandbox, "POST", "/__sandbox/faults", { hangRate: 1, hangMs: 100 });
    const startedAt = performance.now();
    expect((await call(sandbox, "POST", "/Users", userBody("dana@example.com"))).status).toBe(201);
    expect(performance.now() - startedAt).toBeGreaterThanOrEqual(95);
  });

  it("never answers a hung request until the client gives up", async () => {
    await call(sandbox, "POST", "/__sandbox/faults", { hangRate: 1 });
    const request = fetch(`${sandbox.baseUrl}/Users`, { headers: { authorization: `Bearer ${TOKEN}` }, signal: AbortSignal.timeout(150) });
    await expect(request).rejects.toThrow();
    await call(sandbox, "POST", "/__sandbox/faults", {});
    expect((await call(sandbox, "GET", "/__sandbox/stats")).body.faults).toMatchObject({ hang: 1 });
  });

  it("trickles a slow body", async () => {
    await call(sandbox, "POST", "/__sandbox/faults", { slowBodyRate: 1, slowBodyChunkDelayMs: 20 });
    const startedAt = performance.now();
    const answer = await call(sandbox, "GET", "/ServiceProviderConfig");
    expect(answer.body).toMatchObject({ patch: { supported: true } });
    expect(performance.now() - startedAt).toBeGreaterThan(100);
  });
});

describe("snapshot file", () => {
  let folder: string;
  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), "sandbox-snapshot-"));
  });
  afterAll(() => rm(folder, { recursive: true, force: true }));
  let running: RunningSandbox | undefined;
  afterEach(() => running?.close());

  it("keeps users, groups, ids and the directory across restarts, without seeding twice", async () => {
    const snapshotFile = join(folder, "keep.json");
    const seedUsers = [userBody("seed@example.com")];
    running = await startSandbox({ token: TOKEN, quiet: true, snapshotFile, seedUsers });
    const created = (await call(running, "POST", "/Users", userBody("dana@example.com"))).body;
    await call(running, "POST", "/Groups", { schemas: [GROUP], displayName: "Admins", members: [{ value: created.id }] });
    const site = (await call(running, "POST", "/__sandbox/groups", { displayName: "jira-users" })).body;
    const { directoryId } = running;
    await running.close();

    running = await startSandbox({ token: TOKEN, quiet: true, snapshotFile, seedUsers });
    expect(running.directoryId).toBe(directoryId);
    const users = (await call(running, "GET", "/__sandbox/users")).body;
    expect(users.map((user: { userName: string }) => user.userName)).toEqual(["seed@example.com", "dana@example.com"]);
    expect((await call(running, "GET", `/Users/${created.id}`)).body[ATLASSIAN]).toEqual(created[ATLASSIAN]);
    expect((await call(running, "GET", "/Groups")).body.Resources[0].members[0].value).toBe(created.id);
    // A site group stays one: still not changeable over SCIM.
    expect((await call(running, "DELETE", `/Groups/${site.id}`)).status).toBe(403);
    expect(JSON.parse(await readFile(snapshotFile, "utf8"))).toMatchObject({ version: 1, directoryId });
  });

  it("refuses a damaged snapshot with a clear message", async () => {
    const snapshotFile = join(folder, "damaged.json");
    await writeFile(snapshotFile, "{ not json");
    await expect(startSandbox({ quiet: true, snapshotFile })).rejects.toThrow(/damaged or from another version\. Delete it to start empty/);
  });
});
