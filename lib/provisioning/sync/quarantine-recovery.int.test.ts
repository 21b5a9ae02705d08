/**
 * Quarantine, end to end with a real worker: a token revoked mid-way stops the app, the changes made
 * meanwhile are logged as held, and the quarantine message's own steps (save a new token in the
 * Configure step, click Resume) bring every one of them to the app. Resume with a token that still
 * does not work changes nothing and says why. An app that keeps timing out or answering garbage is
 * quarantined too; one that answers 5xx is not (those pass, and are retried).
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "../../db";
import { assignUsers, unassignUsers } from "../../directory/assignments/assign-users";
import { userInput } from "../../directory/schemas/user";
import { updateUser } from "../../directory/users/save-user";
import { enqueueReconcile } from "../../queue/mark-for-reconcile";
import { startSandbox, type RunningSandbox } from "../../sandbox";
import { makeActiveApp } from "../../testing/active-app";
import { makeOrganization, makePerson } from "../../testing/make-organization";
import { eventually, startWorker, type WorkerProcess } from "../../../scripts/testing/worker-process";
import { configureProvisioning } from "../apps/configure-provisioning";
import { configureProvisioningInput } from "../schemas/provisioning";
import { encryptSecret } from "../secrets/encrypt-secret";
import { Secret } from "../secrets/secret";
import { resumeApp, startSyncRun } from "./sync-runs";

type Context = { organizationId: string; actor: { id: string; label: string }; ip: null };

let sandbox: RunningSandbox;
let hostile: Server;
let hostileOrigin: string;
let worker: WorkerProcess;

/** A SCIM server that misbehaves by path: `/garbage` answers broken JSON, `/hang` never answers a POST, `/error` answers 500 to a POST. */
function startHostileServer(): Promise<Server> {
  const server = createServer((request, response) => {
    const mode = request.url?.split("/")[1];
    if (mode === "garbage") {
      response.writeHead(200, { "content-type": "application/scim+json" });
      return void response.end('{"schemas": ["urn:ietf:params:scim:api:messages:2.0:ListResponse"], "Resources": [');
    }
    if (request.method === "GET") {
      response.writeHead(200, { "content-type": "application/scim+json" });
      return void response.end(
        JSON.stringify({ schemas: ["urn:ietf:params:scim:api:messages:2.0:ListResponse"], totalResults: 0, startIndex: 1, itemsPerPage: 0, Resources: [] }),
      );
    }
    if (mode === "hang") return; // Never answered: the client's deadline gives up.
    response.writeHead(500, { "content-type": "application/scim+json" });
    response.end(JSON.stringify({ schemas: ["urn:ietf:params:scim:api:messages:2.0:Error"], status: "500", detail: "Internal error" }));
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

beforeAll(async () => {
  vi.stubEnv("ROSTER_ALLOW_PRIVATE_TARGETS", "1");
  sandbox = await startSandbox({ quiet: true, token: "quarantine-token-01" });
  hostile = await startHostileServer();
  hostileOrigin = `http://127.0.0.1:${(hostile.address() as AddressInfo).port}`;
  worker = startWorker({ ROSTER_SCIM_TIMEOUT_MS: "400", WORKER_CONCURRENCY: "16" });
});

afterAll(async () => {
  await worker?.stop();
  hostile?.closeAllConnections();
  hostile?.close();
  await sandbox?.close();
});

async function organizationWithApp(name: string, people: number, settings: { deletionThresholdCount?: number } = {}) {
  const organizationId = (await makeOrganization(name)).id;
  const domain = `${name.toLowerCase()}.example`;
  const owner = await makePerson(organizationId, { role: "OWNER", email: `owner@${domain}` });
  const context: Context = { organizationId, actor: { id: owner.id, label: owner.email }, ip: null };
  const appId = await makeActiveApp(sandbox, context, { maxConcurrency: 8, maxRequestsPerSecond: 1_000 });
  if (settings.deletionThresholdCount !== undefined)
    await db.app.update({ where: { id: appId }, data: { deletionThresholdCount: settings.deletionThresholdCount } });
  await db.user.createMany({
    data: Array.from({ length: people }, (_, i) => ({ organizationId, email: `p${i}@${domain}`, firstName: "P", lastName: `${i}`, title: "Before" })),
  });
  const persons = await db.user.findMany({
    where: { organizationId, role: null },
    select: { id: true, email: true, lastName: true },
    orderBy: { email: "asc" },
  });
  await db.assignment.createMany({ data: persons.map((person) => ({ appId, userId: person.id })) });
  return { organizationId, context, appId, persons };
}

const appState = (appId: string) => db.app.findUniqueOrThrow({ where: { id: appId }, select: { state: true, quarantineReason: true } });
const remoteTitle = (userId: string) => sandbox.store.users.findByExternalId(userId)?.attributes.title;

async function retitle(person: { id: string; email: string; lastName: string }, title: string, context: Context) {
  await updateUser(person.id, userInput.parse({ email: person.email, firstName: "P", lastName: person.lastName, title }), context);
}

/** Provisions everyone, then makes the app's stored token one the app no longer accepts (as when it is revoked). */
async function provisionThenRevoke(setup: Awaited<ReturnType<typeof organizationWithApp>>) {
  await startSyncRun(setup.organizationId, setup.appId, setup.context);
  await eventually(async () => setup.persons.every((person) => remoteTitle(person.id) === "Before"), { timeoutMs: 60_000, what: "everyone provisioned" });
  // And recorded: the app has the accounts a moment before Roster has written them down.
  await eventually(async () => (await db.account.count({ where: { appId: setup.appId, state: "ACTIVE", remoteId: { not: null } } })) === setup.persons.length, {
    what: "everyone's account recorded",
  });
  await db.app.update({
    where: { id: setup.appId },
    data: { tokenCiphertext: encryptSecret(new Secret("revoked-token-000"), setup.appId), tokenUpdatedAt: new Date() },
  });
}

describe("quarantine and the way back", () => {
  it("a revoked token quarantines the app; a new token saved in Configure then Resume sends every change made meanwhile, with log rows; a wrong one is refused", async () => {
    const setup = await organizationWithApp("Revoked", 15);
    const { appId, context, organizationId, persons } = setup;
    await provisionThenRevoke(setup);

    // The first edits and new assignments are refused by the app, and quarantine it.
    const newcomers = await Promise.all(Array.from({ length: 6 }, (_, i) => makePerson(organizationId, { email: `new${i}@revoked.example` })));
    await assignUsers(appId, { ids: newcomers.slice(0, 3).map((person) => person.id) }, context);
    for (const person of persons.slice(0, 3)) await retitle(person, "After", context);
    await eventually(async () => (await appState(appId)).state === "QUARANTINED", { timeoutMs: 30_000, what: "the quarantine" });
    expect((await appState(appId)).quarantineReason).toMatch(/refused the SCIM token.*paste it in the Configure step and save, then click Resume/);

    // Everyone else is edited while quarantined: nothing is sent, each change is logged as held.
    const startedAt = new Date();
    for (const person of persons.slice(3)) await retitle(person, "After", context);
    await assignUsers(appId, { ids: newcomers.slice(3).map((person) => person.id) }, context);
    // Each of them has their held row (a change made before the quarantine may also end held, if its job ran after it).
    const heldMeanwhile = [...persons.slice(3), ...newcomers.slice(3)].map((person) => person.id);
    await eventually(
      async () =>
        (await db.operation.groupBy({ by: ["userId"], where: { appId, status: "SKIPPED", createdAt: { gte: startedAt }, userId: { in: heldMeanwhile } } }))
          .length === heldMeanwhile.length,
      { what: "a SKIPPED row for each change made while quarantined" },
    );
    const held = await db.operation.findFirstOrThrow({
      where: { appId, userId: persons[5]!.id, status: "SKIPPED" },
      select: { kind: true, message: true, changes: true },
    });
    expect(held).toEqual({
      kind: "UPDATE",
      message: expect.stringMatching(/quarantined\. Resuming it sends this change/),
      changes: { title: { from: "Before", to: "After" } },
    });

    // Saving a token that still does not work keeps the app quarantined; Resume checks it and says why.
    await configureProvisioning(appId, configureProvisioningInput.parse({ baseUrl: sandbox.baseUrl, token: "still-not-the-token" }), context);
    expect((await appState(appId)).state).toBe("QUARANTINED");
    await expect(resumeApp(organizationId, appId, context)).rejects.toThrow(
      /Provisioning stays quarantined: The app refused the SCIM token \(HTTP 401\).*paste it in the Configure step/,
    );
    expect((await appState(appId)).state).toBe("QUARANTINED");

    // The message's own steps: paste a new token in the Configure step, then Resume.
    await configureProvisioning(appId, configureProvisioningInput.parse({ baseUrl: sandbox.baseUrl, token: sandbox.token }), context);
    expect((await appState(appId)).state).toBe("QUARANTINED");
    const resumedAt = new Date();
    expect(await resumeApp(organizationId, appId, context)).toEqual({ resumed: true, needsApproval: false, deletionCancelled: false });
    expect(await appState(appId)).toEqual({ state: "ACTIVE", quarantineReason: null });

    await eventually(async () => persons.every((person) => remoteTitle(person.id) === "After"), { timeoutMs: 60_000, what: "every edit to reach the app" });
    await eventually(async () => newcomers.every((person) => sandbox.store.users.findByExternalId(person.id)), {
      timeoutMs: 30_000,
      what: "everyone assigned meanwhile to be created",
    });
    const sent = await eventually(
      async () => {
        const rows = await db.operation.findMany({
          where: { appId, kind: "UPDATE", status: "SUCCEEDED", createdAt: { gte: resumedAt } },
          select: { userId: true },
        });
        return rows.length >= persons.length ? rows : null;
      },
      { what: "an UPDATE row for everyone" },
    );
    expect(new Set(sent!.map((row) => row.userId))).toEqual(new Set(persons.map((person) => person.id)));
  }, 180_000);

  it("Resume sends held edits even when its sync stops for approval of removals, which wait", async () => {
    const setup = await organizationWithApp("Threshold", 12, { deletionThresholdCount: 1 });
    const { appId, context, organizationId, persons } = setup;
    await provisionThenRevoke(setup);
    for (const person of persons.slice(0, 3)) await retitle(person, "After", context);
    await eventually(async () => (await appState(appId)).state === "QUARANTINED", { timeoutMs: 30_000, what: "the quarantine" });

    const edited = persons.slice(3, 10);
    const unassigned = persons.slice(10);
    for (const person of edited) await retitle(person, "After", context);
    await unassignUsers(appId, { ids: unassigned.map((person) => person.id) }, context);
    // Each unassignment queues that person's own reconcile: wait until the quarantine has held it (SKIPPED), or it
    // would run after Resume as a plain directory change and send the removal at once.
    await eventually(
      async () =>
        (await db.operation.count({ where: { appId, status: "SKIPPED", userId: { in: unassigned.map((person) => person.id) } } })) >= unassigned.length,
      { timeoutMs: 30_000, what: "the unassignments to be held by the quarantine" },
    );

    await configureProvisioning(appId, configureProvisioningInput.parse({ baseUrl: sandbox.baseUrl, token: sandbox.token }), context);
    expect(await resumeApp(organizationId, appId, context)).toEqual({ resumed: true, needsApproval: true, deletionCancelled: false });
    await eventually(async () => [...persons.slice(0, 3), ...edited].every((person) => remoteTitle(person.id) === "After"), {
      timeoutMs: 60_000,
      what: "the edits to reach the app",
    });
    // The removals wait for the admin's approval of the run.
    expect(unassigned.map((person) => sandbox.store.users.findByExternalId(person.id)?.attributes.active)).toEqual([true, true]);
  }, 180_000);

  async function appOnHostileServer(name: string, mode: "garbage" | "hang" | "error", people: number) {
    const setup = await organizationWithApp(name, people);
    await db.app.update({ where: { id: setup.appId }, data: { baseUrl: `${hostileOrigin}/${mode}` } });
    await db.$transaction((tx) =>
      enqueueReconcile(
        tx,
        [setup.appId],
        setup.persons.map((person) => person.id),
      ),
    );
    return setup;
  }

  it.each([
    ["garbage", /The app's last 30 answers could not be used: 30 were not SCIM answers .*Sync endpoint.*then click Resume/],
    ["hang", /The app's last 30 answers could not be used: 30 timed out .*app is up.*then click Resume/],
  ] as const)(
    "quarantines an app whose answers are unusable (%s) 30 times in a row, in plain words",
    async (mode, reason) => {
      const { appId } = await appOnHostileServer(`Hostile-${mode}`, mode, 32);
      await eventually(async () => (await appState(appId)).state === "QUARANTINED", { timeoutMs: 90_000, intervalMs: 250, what: "the quarantine" });
      expect((await appState(appId)).quarantineReason).toMatch(reason);
    },
    120_000,
  );

  it("does not quarantine an app in a storm of 5xx answers: those are retried", async () => {
    const { appId } = await appOnHostileServer("Stormy", "error", 32);
    await eventually(async () => (await db.operation.count({ where: { appId, status: "FAILED", errorKind: "transient" } })) >= 32, {
      timeoutMs: 90_000,
      intervalMs: 250,
      what: "32 failed operations",
    });
    expect((await appState(appId)).state).toBe("ACTIVE");
  }, 120_000);
});
