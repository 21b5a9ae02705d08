import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createScimClient, type ScimClient } from "../../scim";
import { startSandbox, type RunningSandbox } from "../../sandbox";
import { findConflictHolder } from "./find-conflict-holder";

let sandbox: RunningSandbox;
let scim: ScimClient;

const remote = (userName: string, email = userName) =>
  sandbox.store.users.create({ userName, emails: [{ value: email, primary: true }], active: true }, new Date());

beforeAll(async () => {
  sandbox = await startSandbox({ quiet: true });
  scim = createScimClient({ baseUrl: sandbox.baseUrl, token: sandbox.token, retry: { retries: 0 } });
});
afterAll(() => sandbox.close());
beforeEach(() => {
  sandbox.store.clear();
  sandbox.quirks.set({});
  sandbox.stats.reset();
});

describe("findConflictHolder, against the sandbox", () => {
  it("finds a holder whose user name differs in case when the app's filters compare exactly, by reading its users", async () => {
    sandbox.quirks.set({ exactCaseFilters: true, pagePastEndRepeatsFirst: true });
    for (let index = 0; index < 250; index++) remote(`someone${index}@halden.example`);
    const holder = remote("Farid@Halden.example");
    await expect(scim.users.findByUserName("farid@halden.example")).resolves.toBeUndefined();
    sandbox.stats.reset();

    const search = await findConflictHolder(scim.users, { userName: "farid@halden.example", email: "farid@halden.example" });
    expect(search).toMatchObject({ holder: { id: holder.id, userName: "Farid@Halden.example" }, listed: 251, truncated: false });
    // The Atlassian-like sandbox cannot filter on e-mails: that 400 is taken as "not supported", then three pages are read.
    expect(sandbox.stats.snapshot().byStatus).toEqual({ "400": 1, "200": 3 });
  });

  it("finds a holder of the e-mail under another user name", async () => {
    const holder = remote("f.haddad@halden.example", "Farid@Halden.example");
    const search = await findConflictHolder(scim.users, { userName: "farid@halden.example", email: "farid@halden.example" });
    expect(search.holder?.id).toBe(holder.id);
  });

  it("reports how far it looked when nobody holds the values, and stops at the limit", async () => {
    for (let index = 0; index < 120; index++) remote(`someone${index}@halden.example`);
    await expect(findConflictHolder(scim.users, { userName: "nobody@halden.example", email: "nobody@halden.example" })).resolves.toEqual({
      listed: 120,
      truncated: false,
    });
    await expect(findConflictHolder(scim.users, { userName: "nobody@halden.example" }, 50)).resolves.toEqual({ listed: 50, truncated: true });
  });
});
