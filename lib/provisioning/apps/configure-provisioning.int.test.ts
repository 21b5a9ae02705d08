/**
 * A new token (or Sync endpoint) saved on an app that is already provisioning: the app is held (PAUSED) until Resume
 * has checked the new settings, every change made meanwhile is logged as held, and Resume sends each of them. Nothing
 * is sent with a token nobody has checked, and nothing made meanwhile is lost. A real worker and a real sandbox whose
 * administrator rotates the token (it then accepts only the new one).
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "../../db";
import { assignUsers } from "../../directory/assignments/assign-users";
import { userInput } from "../../directory/schemas/user";
import { updateUser } from "../../directory/users/save-user";
import { startSandbox, type RunningSandbox } from "../../sandbox";
import { makeActiveApp } from "../../testing/active-app";
import { makeOrganization, makePerson } from "../../testing/make-organization";
import { eventually, startWorker, type WorkerProcess } from "../../../scripts/testing/worker-process";
import { configureProvisioningInput } from "../schemas/provisioning";
import { resumeApp } from "../sync/sync-runs";
import { configureProvisioning } from "./configure-provisioning";
import { addApp } from "./manage-apps";

type Context = { organizationId: string; actor: { id: string; label: string }; ip: null };

const OLD_TOKEN = "rotation-token-old-0001";
const NEW_TOKEN = "rotation-token-new-0002";

let sandbox: RunningSandbox;
let worker: WorkerProcess;

beforeAll(async () => {
  vi.stubEnv("ROSTER_ALLOW_PRIVATE_TARGETS", "1");
  sandbox = await startSandbox({ quiet: true, token: OLD_TOKEN });
  worker = startWorker();
});

afterAll(async () => {
  await worker?.stop();
  await sandbox?.close();
});

/** The app's administrator regenerates the SCIM token: the same app, with its users, now accepts only `token`. */
async function rotateToken(token: string) {
  const { port, directoryId } = sandbox;
  const users = [...sandbox.store.users.all()];
  await sandbox.close();
  sandbox = await startSandbox({ quiet: true, token, port, directoryId });
  sandbox.store.users.restore(users);
}

const appState = (appId: string) => db.app.findUniqueOrThrow({ where: { id: appId }, select: { state: true, quarantineReason: true, authorizedAt: true } });
const remoteTitle = (userId: string) => sandbox.store.users.findByExternalId(userId)?.attributes.title;

describe("a new token on an active app", () => {
  it("holds the app until Resume has checked the new token, logs each change made meanwhile as held, and then sends every one", async () => {
    const organizationId = (await makeOrganization("Rotation")).id;
    const owner = await makePerson(organizationId, { role: "OWNER", email: "owner@rotation.example" });
    const context: Context = { organizationId, actor: { id: owner.id, label: owner.email }, ip: null };
    const appId = await makeActiveApp(sandbox, context);
    const persons = await Promise.all(Array.from({ length: 4 }, (_, i) => makePerson(organizationId, { email: `p${i}@rotation.example` })));
    await assignUsers(appId, { ids: persons.map((person) => person.id) }, context);
    await eventually(async () => (await db.operation.count({ where: { appId, kind: "CREATE", status: "SUCCEEDED" } })) === persons.length, {
      what: "everyone provisioned",
    });

    // The token is rotated in the app, and the admin pastes the new one in the Configure step.
    await rotateToken(NEW_TOKEN);
    const saved = await configureProvisioning(appId, configureProvisioningInput.parse({ baseUrl: sandbox.baseUrl, token: NEW_TOKEN }), context);
    expect(saved).toEqual({ changed: ["token"], state: "PAUSED" });
    expect(await appState(appId)).toEqual({
      state: "PAUSED",
      quarantineReason: "The SCIM token changed: Roster sends nothing with it until it is checked.",
      authorizedAt: null,
    });

    // Edits and a new assignment made before Resume: nothing is sent, each is logged as held.
    const heldFrom = new Date();
    const retitle = (person: (typeof persons)[number]) =>
      updateUser(person.id, userInput.parse({ email: person.email, firstName: "Test", lastName: "Person", title: "After" }), context);
    for (const person of persons.slice(0, 3)) await retitle(person);
    const newcomer = await makePerson(organizationId, { email: "newcomer@rotation.example" });
    await assignUsers(appId, { ids: [newcomer.id] }, context);
    const held = await eventually(
      async () => {
        const rows = await db.operation.findMany({
          where: { appId, createdAt: { gte: heldFrom } },
          select: { userId: true, kind: true, status: true, message: true },
        });
        return rows.length >= 4 ? rows : null;
      },
      { what: "a held row for each change" },
    );
    expect(held!.every((row) => row.status === "SKIPPED" && /paused\. Resuming it sends this change/.test(row.message ?? ""))).toBe(true);
    expect(new Set(held!.map((row) => `${row.kind}:${row.userId}`))).toEqual(
      new Set([...persons.slice(0, 3).map((person) => `UPDATE:${person.id}`), `CREATE:${newcomer.id}`]),
    );
    expect(persons.map((person) => remoteTitle(person.id))).not.toContain("After");

    // Resume checks the new token, takes the app back into service and sends every change held.
    expect(await resumeApp(organizationId, appId, context)).toEqual({ resumed: true, needsApproval: false, deletionCancelled: false });
    expect(await appState(appId)).toEqual({ state: "ACTIVE", quarantineReason: null, authorizedAt: expect.any(Date) });
    await eventually(async () => persons.slice(0, 3).every((person) => remoteTitle(person.id) === "After"), {
      timeoutMs: 30_000,
      what: "the edits to reach the app",
    });
    await eventually(async () => sandbox.store.users.findByExternalId(newcomer.id), { what: "the newcomer's account" });
    expect(remoteTitle(persons[3]!.id)).not.toBe("After");
  }, 120_000);

  it("a wrong new token keeps the app held and Resume says why; the right one then resumes it", async () => {
    const organizationId = (await makeOrganization("Rotation wrong")).id;
    const owner = await makePerson(organizationId, { role: "OWNER", email: "owner@rotation-wrong.example" });
    const context: Context = { organizationId, actor: { id: owner.id, label: owner.email }, ip: null };
    const appId = await makeActiveApp(sandbox, context);

    await configureProvisioning(appId, configureProvisioningInput.parse({ baseUrl: sandbox.baseUrl, token: "not-the-token-9999" }), context);
    expect((await appState(appId)).state).toBe("PAUSED");
    await expect(resumeApp(organizationId, appId, context)).rejects.toThrow(/^Provisioning stays paused: The app refused the SCIM token \(HTTP 401\)/);
    expect((await appState(appId)).state).toBe("PAUSED");

    await configureProvisioning(appId, configureProvisioningInput.parse({ baseUrl: sandbox.baseUrl, token: sandbox.token }), context);
    expect((await appState(appId)).state).toBe("PAUSED");
    expect(await resumeApp(organizationId, appId, context)).toEqual({ resumed: true, needsApproval: false, deletionCancelled: false });
    expect((await appState(appId)).state).toBe("ACTIVE");
  }, 60_000);

  it("a new token expiry date alone changes nothing about the app's state; a draft app stays a draft", async () => {
    const organizationId = (await makeOrganization("Rotation expiry")).id;
    const owner = await makePerson(organizationId, { role: "OWNER", email: "owner@rotation-expiry.example" });
    const context: Context = { organizationId, actor: { id: owner.id, label: owner.email }, ip: null };
    const appId = await makeActiveApp(sandbox, context);
    const saved = await configureProvisioning(appId, configureProvisioningInput.parse({ baseUrl: sandbox.baseUrl, tokenExpiresOn: "2030-01-31" }), context);
    expect(saved).toEqual({ changed: ["tokenExpiresAt"], state: "ACTIVE" });
    expect(await appState(appId)).toEqual({ state: "ACTIVE", quarantineReason: null, authorizedAt: expect.any(Date) });

    const { id } = await addApp("atlassian", context);
    expect(await configureProvisioning(id, configureProvisioningInput.parse({ baseUrl: sandbox.baseUrl, token: sandbox.token }), context)).toMatchObject({
      state: "DRAFT",
    });
  }, 60_000);
});
