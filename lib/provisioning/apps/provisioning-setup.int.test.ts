import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "../../db";
import { startSandbox, type RunningSandbox } from "../../sandbox";
import { makeOrganization, makePerson } from "../../testing/make-organization";
import { configureProvisioningInput, saveMappingInput } from "../schemas/provisioning";
import { authorizeApp } from "./authorize-app";
import { configureProvisioning } from "./configure-provisioning";
import { getMappingRows, previewMapping, saveMapping } from "./field-mappings";
import { addApp } from "./manage-apps";
import { saveSyncActions } from "./save-sync-actions";

let sandbox: RunningSandbox;
let organizationId: string;
let ownerId: string;
let context: { organizationId: string; actor: { id: string; label: string }; ip: null };

beforeAll(async () => {
  sandbox = await startSandbox({ quiet: true, token: "right-token-1234" });
});
afterAll(() => sandbox.close());

beforeEach(async () => {
  vi.stubEnv("ROSTER_ALLOW_PRIVATE_TARGETS", "1");
  const organization = await makeOrganization("Acme");
  organizationId = organization.id;
  const owner = await makePerson(organizationId, { role: "OWNER", email: `owner-${Date.now()}@acme.example` });
  ownerId = owner.id;
  context = { organizationId, actor: { id: owner.id, label: owner.email }, ip: null };
});

const configure = (appId: string, values: Record<string, string>) => configureProvisioning(appId, configureProvisioningInput.parse(values), context);

describe("configure", () => {
  it("stores the token encrypted, keeps only its last four characters in clear, and audits it as changed", async () => {
    const { id } = await addApp("atlassian", context);
    await configure(id, { baseUrl: `${sandbox.baseUrl}/`, token: "right-token-1234" });
    const row = await db.app.findUniqueOrThrow({ where: { id } });
    expect(row.baseUrl).toBe(sandbox.baseUrl);
    expect(row.tokenLast4).toBe("1234");
    expect(JSON.stringify(row)).not.toContain("right-token-1234");
    const events = await db.auditEvent.findMany({ where: { targetId: id } });
    expect(JSON.stringify(events)).not.toContain("right-token");
    expect(events.find((event) => event.action === "app.provisioning_configured")?.changes).toMatchObject({ token: { from: null, to: "changed" } });
  });

  it("refuses link-local, metadata and loopback targets unless private targets are allowed", async () => {
    vi.stubEnv("ROSTER_ALLOW_PRIVATE_TARGETS", "0");
    const { id } = await addApp("scim", context);
    for (const baseUrl of [
      "https://[fe80::1]/scim",
      "http://169.254.169.254/latest",
      "https://metadata.google.internal/x",
      "http://127.0.0.1:9/scim",
      "https://[::1]/scim",
    ]) {
      await expect(configure(id, { baseUrl, token: "t0ken" }), baseUrl).rejects.toMatchObject({
        code: "invalid_input",
        fieldErrors: { baseUrl: [expect.stringMatching(/does not send SCIM tokens/)] },
      });
    }
    expect((await db.app.findUniqueOrThrow({ where: { id } })).baseUrl).toBeNull();
  });

  it.each([
    [{ baseUrl: "api.atlassian.com/scim/directory/1", token: "x" }, "baseUrl", /Start the URL with https:\/\//],
    [{ baseUrl: "https://api.atlassian.com/scim/ directory/1", token: "x" }, "baseUrl", /cannot contain spaces/],
    [{ baseUrl: "https://user:pw@api.atlassian.com/scim", token: "x" }, "baseUrl", /Leave user names and passwords out/],
    [{ baseUrl: "https://[::1", token: "x" }, "baseUrl", /not a valid URL/],
    [{ baseUrl: "https://api.atlassian.com/scim", token: "x".repeat(10 * 1024 * 1024) }, "token", /too long/],
    [{ baseUrl: "https://api.atlassian.com/scim", token: "two\nlines" }, "token", /spaces or line breaks/],
  ])("explains bad input (%#)", (values, field, message) => {
    const result = configureProvisioningInput.safeParse(values);
    expect(result.success).toBe(false);
    expect(result.error?.issues.find((issue) => issue.path[0] === field)?.message).toMatch(message);
  });
});

describe("authorize", () => {
  it("explains a wrong token, then succeeds with the right one", async () => {
    const { id } = await addApp("atlassian", context);
    await configure(id, { baseUrl: sandbox.baseUrl, token: "wrong-token-0000" });
    const refused = await authorizeApp(id, context);
    expect(refused).toMatchObject({ ok: false, problem: expect.stringMatching(/refused the SCIM token \(HTTP 401\), trace id/) });
    expect((await db.app.findUniqueOrThrow({ where: { id } })).authorizedAt).toBeNull();

    await configure(id, { baseUrl: sandbox.baseUrl, token: "right-token-1234" });
    const result = await authorizeApp(id, context);
    expect(result).toMatchObject({ ok: true, capabilities: { patch: true, serviceProviderConfig: true } });
    expect((await db.app.findUniqueOrThrow({ where: { id } })).authorizedAt).toBeInstanceOf(Date);
  });

  it.each([
    ["a wrong path", (url: string) => `${url}/nope`, /Nothing was found|web page|not SCIM/],
    ["an unreachable host", () => "http://127.0.0.1:9/scim", /could not (reach|connect to) 127\.0\.0\.1:9/],
  ])("explains %s", async (_label, urlFor, problem) => {
    const { id } = await addApp("scim", context);
    await configure(id, { baseUrl: urlFor(sandbox.baseUrl), token: "right-token-1234" });
    expect(await authorizeApp(id, context)).toMatchObject({ ok: false, problem: expect.stringMatching(problem) });
  });
});

describe("mapping and sync actions", () => {
  it("saves a hardcoded value, shows it in the preview, and refuses to drop a required attribute", async () => {
    const { id } = await addApp("atlassian", context);
    const rows = (await getMappingRows(id)).filter((row) => row.target !== "organization");
    rows.push({ target: "organization", sourceField: null, hardcodedValue: "Halden Group" });
    await saveMapping(id, rows, context);
    const preview = await previewMapping(organizationId, id, ownerId, await getMappingRows(id));
    expect(preview).toMatchObject({ organization: "Halden Group", userName: context.actor.label, externalId: ownerId, active: true });

    const withoutUserName = rows.filter((row) => row.target !== "userName");
    await expect(saveMapping(id, withoutUserName, context)).rejects.toMatchObject({
      code: "invalid_input",
      fieldErrors: { userName: ["Username must be mapped: Atlassian refuses users without it."] },
    });
    expect(await getMappingRows(id)).toHaveLength(rows.length);
  });

  it("refuses a hardcoded value with line breaks before anything is saved", () => {
    const result = saveMappingInput.safeParse({
      appId: crypto.randomUUID(),
      rules: [{ target: "title", sourceField: null, hardcodedValue: "line one\nline two" }],
    });
    expect(result.error?.issues[0]?.message).toBe("A hardcoded value cannot contain line breaks or control characters.");
  });

  it("keeps the Free plan on the default mapping, on the server too", async () => {
    await db.organization.update({ where: { id: organizationId }, data: { plan: "FREE" } });
    const { id } = await addApp("atlassian", context);
    const rows = await getMappingRows(id);
    await expect(
      saveMapping(
        id,
        rows.map((row) => (row.target === "title" ? { ...row, sourceField: "department" } : row)),
        context,
      ),
    ).rejects.toMatchObject({ code: "forbidden" });
    await expect(saveMapping(id, rows, context)).resolves.toMatchObject({ changed: [] });
  });

  it("activates the app once the sync actions are saved after authorizing and mapping", async () => {
    const { id } = await addApp("atlassian", context);
    const actions = { appId: id, syncCreate: true, syncUpdate: true, syncDelete: true, syncActivation: false };
    await expect(saveSyncActions(actions, context)).rejects.toMatchObject({ code: "invalid_input" });
    await configure(id, { baseUrl: sandbox.baseUrl, token: "right-token-1234" });
    await authorizeApp(id, context);
    await saveMapping(id, await getMappingRows(id), context);
    expect(await saveSyncActions(actions, context)).toEqual({ state: "ACTIVE" });
    expect(await db.app.findUniqueOrThrow({ where: { id }, select: { syncDelete: true, syncActivation: true } })).toEqual({
      syncDelete: true,
      syncActivation: false,
    });
  });
});
