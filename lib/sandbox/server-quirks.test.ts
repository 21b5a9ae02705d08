import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { SERVER_QUIRKS, SERVER_QUIRK_NAMES, startSandbox, type QuirkSettings, type RunningSandbox } from "./index.ts";
import { ServerQuirks } from "./server-quirks.ts";

// Raw HTTP, like sandbox-http.test.ts: each quirk is checked as a client would meet it on the wire.

const TOKEN = "quirks-test-token";
const CORE = "urn:ietf:params:scim:schemas:core:2.0:User";
const GROUP = "urn:ietf:params:scim:schemas:core:2.0:Group";
const PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp";

interface Answer {
  status: number;
  headers: Headers;
  /** JSON of many shapes, asserted field by field. */
  body: any;
}

let sandbox: RunningSandbox;

async function call(method: string, path: string, body?: unknown): Promise<Answer> {
  const url = path.startsWith("/__sandbox/") ? `${sandbox.origin}${path}` : `${sandbox.baseUrl}${path}`;
  const response = await fetch(url, {
    method,
    headers: { authorization: `Bearer ${TOKEN}`, ...(body === undefined ? {} : { "content-type": "application/scim+json" }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined };
}

const userBody = (name: string) => ({ schemas: [CORE], userName: name, emails: [{ value: name, type: "work", primary: true }] });
const filterQuery = (filter: string) => `?filter=${encodeURIComponent(filter)}`;
const setActive = (active: boolean) => ({ schemas: [PATCH_OP], Operations: [{ op: "replace", path: "active", value: active }] });

/** Switches exactly these quirks on, through the admin endpoint as a test in another process would. */
async function playing(settings: QuirkSettings): Promise<void> {
  const answer = await call("POST", "/__sandbox/quirks", settings);
  expect(answer).toMatchObject({ status: 200, body: settings });
}

beforeAll(async () => {
  sandbox = await startSandbox({ token: TOKEN, quiet: true });
});
afterAll(() => sandbox.close());
beforeEach(async () => {
  await call("POST", "/__sandbox/quirks", {});
  await call("POST", "/__sandbox/reset");
});

describe("server quirks", () => {
  it("lists each quirk with a description, all off by default", async () => {
    expect(SERVER_QUIRK_NAMES).toEqual([
      "exactCaseFilters",
      "missingIs500",
      "patchAnswers204",
      "noLocationHeader",
      "pagePastEndRepeatsFirst",
      "onlyEqFilters",
      "idIsUserName",
      "replaceMembersAdds",
      "groupRenameAllowed",
      "userGroupsOmitted",
    ]);
    for (const name of SERVER_QUIRK_NAMES) expect(SERVER_QUIRKS[name].length).toBeGreaterThan(20);
    const fresh = await startSandbox({ quiet: true });
    try {
      expect(fresh.quirks.settings).toEqual({});
      expect(SERVER_QUIRK_NAMES.some((name) => fresh.quirks.has(name))).toBe(false);
    } finally {
      await fresh.close();
    }
  });

  it("takes quirks at start and at run time, and refuses a misspelt one", async () => {
    const started = await startSandbox({ quiet: true, quirks: { missingIs500: true } });
    try {
      expect(started.quirks.has("missingIs500")).toBe(true);
      started.quirks.set({});
      expect(started.quirks.has("missingIs500")).toBe(false);
    } finally {
      await started.close();
    }
    await playing({ patchAnswers204: true });
    expect(await call("GET", "/__sandbox/quirks")).toMatchObject({ status: 200, body: { patchAnswers204: true } });
    const misspelt = await call("POST", "/__sandbox/quirks", { patchAnswer204: true });
    expect(misspelt).toMatchObject({ status: 400, body: { scimType: "invalidValue", detail: expect.stringMatching(/^Invalid quirks/) } });
    expect(() => new ServerQuirks({ idIsUserName: "yes" } as never)).toThrow();
    // A reset clears users, not quirks.
    await call("POST", "/__sandbox/reset");
    expect((await call("GET", "/__sandbox/quirks")).body).toEqual({ patchAnswers204: true });
  });

  it("exactCaseFilters: a filter value matches only with the same case, while uniqueness still ignores case", async () => {
    const holder = await call("POST", "/Users", userBody("Farid@Halden.example"));
    await call("POST", "/Groups", { schemas: [GROUP], displayName: "Ops Team" });
    expect((await call("GET", `/Users${filterQuery('userName eq "farid@halden.example"')}`)).body.totalResults).toBe(1);

    await playing({ exactCaseFilters: true });
    expect((await call("GET", `/Users${filterQuery('userName eq "farid@halden.example"')}`)).body).toMatchObject({ totalResults: 0, Resources: [] });
    expect((await call("GET", `/Users${filterQuery('userName eq "Farid@Halden.example"')}`)).body).toMatchObject({
      totalResults: 1,
      Resources: [{ id: holder.body.id }],
    });
    expect((await call("GET", `/Groups${filterQuery('displayName eq "ops team"')}`)).body.totalResults).toBe(0);
    expect((await call("GET", `/Groups${filterQuery('displayName eq "Ops Team"')}`)).body.totalResults).toBe(1);
    expect(await call("POST", "/Users", userBody("farid@halden.example"))).toMatchObject({ status: 409, body: { scimType: "uniqueness" } });
  });

  it("missingIs500: PATCH, PUT and DELETE of a missing user answer 500, GET still 404", async () => {
    const gone = (await call("POST", "/Users", userBody("gone@example.com"))).body.id as string;
    await call("DELETE", `/Users/${gone}`);
    expect((await call("PATCH", `/Users/${gone}`, setActive(false))).status).toBe(404);

    await playing({ missingIs500: true });
    expect((await call("PATCH", `/Users/${gone}`, setActive(false))).status).toBe(500);
    expect((await call("PUT", `/Users/${gone}`, userBody("gone@example.com"))).status).toBe(500);
    expect((await call("DELETE", `/Users/${gone}`)).status).toBe(500);
    expect((await call("GET", `/Users/${gone}`)).status).toBe(404);
    // A user that exists is patched as usual.
    const here = (await call("POST", "/Users", userBody("here@example.com"))).body.id as string;
    expect(await call("PATCH", `/Users/${here}`, setActive(false))).toMatchObject({ status: 200, body: { active: false } });
  });

  it("patchAnswers204: PATCH of a user or a group answers 204 with no body, and the change is made", async () => {
    const id = (await call("POST", "/Users", userBody("quiet@example.com"))).body.id as string;
    const group = (await call("POST", "/Groups", { schemas: [GROUP], displayName: "Quiet" })).body.id as string;
    await playing({ patchAnswers204: true });
    const patched = await call("PATCH", `/Users/${id}`, setActive(false));
    expect({ status: patched.status, body: patched.body }).toEqual({ status: 204, body: undefined });
    expect((await call("GET", `/Users/${id}`)).body.active).toBe(false);
    const added = await call("PATCH", `/Groups/${group}`, { schemas: [PATCH_OP], Operations: [{ op: "add", path: "members", value: [{ value: id }] }] });
    expect({ status: added.status, body: added.body }).toEqual({ status: 204, body: undefined });
    expect((await call("GET", `/Groups/${group}`)).body.members).toEqual([expect.objectContaining({ value: id })]);
    const removed = await call("PATCH", `/Groups/${group}`, { schemas: [PATCH_OP], Operations: [{ op: "remove", path: `members[value eq "${id}"]` }] });
    expect({ status: removed.status, body: removed.body }).toEqual({ status: 204, body: undefined });
    expect((await call("GET", `/Groups/${group}`)).body.members).toEqual([]);
  });

  it("noLocationHeader: creates answer 201 without Location", async () => {
    expect((await call("POST", "/Users", userBody("located@example.com"))).headers.get("location")).not.toBeNull();
    await playing({ noLocationHeader: true });
    const user = await call("POST", "/Users", userBody("unlocated@example.com"));
    const group = await call("POST", "/Groups", { schemas: [GROUP], displayName: "Unlocated" });
    expect([user.status, user.headers.get("location"), group.status, group.headers.get("location")]).toEqual([201, null, 201, null]);
  });

  it("pagePastEndRepeatsFirst: a startIndex past the end answers the first page again", async () => {
    for (const index of [1, 2, 3]) await call("POST", "/Users", userBody(`page${index}@example.com`));
    expect((await call("GET", "/Users?startIndex=4&count=2")).body).toMatchObject({ totalResults: 3, Resources: [] });
    await playing({ pagePastEndRepeatsFirst: true });
    const past = (await call("GET", "/Users?startIndex=4&count=2")).body;
    expect({ totalResults: past.totalResults, userNames: past.Resources.map((user: { userName: string }) => user.userName) }).toEqual({
      totalResults: 3,
      userNames: ["page1@example.com", "page2@example.com"],
    });
    // Pages within the range are untouched.
    expect((await call("GET", "/Users?startIndex=3&count=2")).body.Resources.map((user: { userName: string }) => user.userName)).toEqual(["page3@example.com"]);
  });

  it("onlyEqFilters: any operator but eq answers 400 invalidFilter naming the operator, whatever the attribute", async () => {
    await call("POST", "/Users", userBody("eq@example.com"));
    await playing({ onlyEqFilters: true });
    for (const filter of ['userName sw "eq"', 'emails.value co "eq"', "title pr", 'displayName ne "x"']) {
      const operator = filter.split(" ")[1];
      expect(await call("GET", `/Users${filterQuery(filter)}`), filter).toMatchObject({
        status: 400,
        body: { scimType: "invalidFilter", detail: `Only the eq operator is supported in filters, not ${operator}.` },
      });
    }
    expect((await call("GET", `/Users${filterQuery('userName eq "eq@example.com"')}`)).body.totalResults).toBe(1);
  });

  it("idIsUserName: a new user's id is its userName, reachable through an encoded path", async () => {
    await playing({ idIsUserName: true });
    const userName = "dana+ops/x@example.com";
    const created = await call("POST", "/Users", userBody(userName));
    expect(created).toMatchObject({ status: 201, body: { id: userName } });
    expect(created.headers.get("location")).toBe(`${sandbox.baseUrl}/Users/${encodeURIComponent(userName)}`);
    const path = `/Users/${encodeURIComponent(userName)}`;
    expect(await call("GET", path)).toMatchObject({ status: 200, body: { id: userName, meta: { location: `${sandbox.baseUrl}${path}` } } });
    expect((await call("PATCH", path, setActive(false))).body).toMatchObject({ id: userName, active: false });
    expect((await call("DELETE", path)).status).toBe(204);
    expect((await call("GET", path)).status).toBe(404);
  });

  it("replaceMembersAdds: a PATCH replace of members adds them, path or no path, and other attributes are replaced as usual", async () => {
    const [ann, bob, cat] = await Promise.all(
      ["ann", "bob", "cat"].map(async (name) => (await call("POST", "/Users", userBody(`${name}@example.com`))).body.id as string),
    );
    const group = (await call("POST", "/Groups", { schemas: [GROUP], displayName: "Adders", members: [{ value: ann }] })).body.id as string;
    const replaceWith = (operation: Record<string, unknown>) => call("PATCH", `/Groups/${group}`, { schemas: [PATCH_OP], Operations: [operation] });
    const memberIds = async () => ((await call("GET", `/Groups/${group}`)).body.members as { value: string }[]).map((member) => member.value);

    // Atlassian-like: replace means replace.
    expect((await replaceWith({ op: "replace", path: "members", value: [{ value: bob }] })).status).toBe(200);
    expect(await memberIds()).toEqual([bob]);

    await playing({ replaceMembersAdds: true });
    expect((await replaceWith({ op: "replace", path: "members", value: [{ value: cat }] })).status).toBe(200);
    expect(await memberIds()).toEqual([bob, cat]);
    expect((await replaceWith({ op: "Replace", value: { externalId: "x-1", members: [{ value: ann }] } })).body).toMatchObject({ externalId: "x-1" });
    expect(await memberIds()).toEqual([bob, cat, ann]);
    // Removing still removes.
    expect((await replaceWith({ op: "remove", path: `members[value eq "${bob}"]` })).status).toBe(200);
    expect(await memberIds()).toEqual([cat, ann]);
  });

  it("groupRenameAllowed: a new displayName through PATCH or PUT is refused with 400 unless the quirk is on", async () => {
    const group = (await call("POST", "/Groups", { schemas: [GROUP], displayName: "Old name" })).body.id as string;
    const rename = (displayName: string) =>
      call("PATCH", `/Groups/${group}`, { schemas: [PATCH_OP], Operations: [{ op: "replace", path: "displayName", value: displayName }] });
    const refused = {
      status: 400,
      body: { scimType: "invalidValue", detail: expect.stringMatching(/^Renaming a group is not supported: “Old name” cannot become “New name”\./) },
    };
    expect(await rename("New name")).toMatchObject(refused);
    expect(await call("PUT", `/Groups/${group}`, { schemas: [GROUP], displayName: "New name" })).toMatchObject(refused);
    // A change of case is a rename too; the same name is not.
    expect((await rename("OLD NAME")).status).toBe(400);
    expect((await call("PUT", `/Groups/${group}`, { schemas: [GROUP], displayName: "Old name", externalId: "e" })).status).toBe(200);
    expect((await call("GET", `/Groups/${group}`)).body.displayName).toBe("Old name");

    await playing({ groupRenameAllowed: true });
    expect(await rename("New name")).toMatchObject({ status: 200, body: { displayName: "New name" } });
    expect(await call("PUT", `/Groups/${group}`, { schemas: [GROUP], displayName: "Newer name" })).toMatchObject({
      status: 200,
      body: { displayName: "Newer name" },
    });
  });

  it("userGroupsOmitted: users come without their groups, which /Groups still lists", async () => {
    const ann = (await call("POST", "/Users", userBody("ann@example.com"))).body.id as string;
    const group = (await call("POST", "/Groups", { schemas: [GROUP], displayName: "Team", members: [{ value: ann }] })).body.id as string;
    expect((await call("GET", `/Users/${ann}`)).body.groups).toEqual([expect.objectContaining({ value: group, display: "Team" })]);

    await playing({ userGroupsOmitted: true });
    expect((await call("GET", `/Users/${ann}`)).body).not.toHaveProperty("groups");
    expect((await call("GET", "/Users")).body.Resources[0]).not.toHaveProperty("groups");
    expect((await call("GET", `/Groups/${group}`)).body.members).toEqual([expect.objectContaining({ value: ann })]);
  });
});
