/**
 * An app's lifecycle against the sandbox with a real worker: named when added, renamed, stopped and resumed (the
 * changes made while stopped reach the app on Resume, none before), and deleted, either leaving its accounts as they
 * are or deactivating every one of them first through the engine (the app goes only when that finished cleanly).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../db";
import { assignUsers } from "../../directory/assignments/assign-users";
import { userInput } from "../../directory/schemas/user";
import { createUser, updateUser } from "../../directory/users/save-user";
import { enqueueReconcile } from "../../queue/mark-for-reconcile";
import type { RunningSandbox } from "../../sandbox";
import { makeActiveApp } from "../../testing/active-app";
import { startEngineTestbed, type EngineTestbed } from "../../testing/engine-testbed";
import { eventually } from "../../../scripts/testing/worker-process";
import { encryptSecret } from "../secrets/encrypt-secret";
import { Secret } from "../secrets/secret";
import { resumeApp } from "../sync/sync-runs";
import { deleteApp, previewAppDeletion } from "./delete-app";
import { addApp, otherAppEndpoints, renameApp, suggestAppName } from "./manage-apps";
import { saveSyncActions } from "./save-sync-actions";
import { stopProvisioning } from "./stop-provisioning";

let testbed: EngineTestbed;
let sandbox: RunningSandbox;
let context: EngineTestbed["context"];

beforeAll(async () => {
  testbed = await startEngineTestbed({ token: "lifecycle-token-01", organization: "Lifecycle", ownerEmail: "owner@lifecycle.example" });
  ({ sandbox, context } = testbed);
});

afterAll(async () => {
  await testbed?.close();
});

const remote = (userId: string) => sandbox.store.users.findByExternalId(userId);
const auditOf = (appId: string, action: string) =>
  db.auditEvent.findFirst({ where: { targetId: appId, action }, select: { actorLabel: true, targetLabel: true, changes: true } });
const appRow = (appId: string) => db.app.findUnique({ where: { id: appId }, select: { state: true, quarantineReason: true, deletionRunId: true } });
const queuedJobsOf = async (appId: string) =>
  (await db.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM graphile_worker._private_jobs WHERE payload ->> 'appId' = ${appId}`)[0]!.n;

/** People assigned to the app and provisioned (active accounts in the sandbox). */
async function provisioned(appId: string, prefix: string, count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const { id } = await createUser(
      userInput.parse({ email: `${prefix}${i}@lifecycle.example`, firstName: "Pat", lastName: `${prefix}${i}`, title: "Before" }),
      context,
    );
    ids.push(id);
  }
  await assignUsers(appId, { ids }, context);
  for (const id of ids) await eventually(async () => remote(id)?.attributes.active === true, { what: `${prefix} account to be created` });
  await eventually(async () => (await db.account.count({ where: { appId, userId: { in: ids }, state: "ACTIVE" } })) === count, { what: "the accounts' rows" });
  return ids;
}

describe("naming an app", () => {
  it("suggests the catalog name, then a free numbered one", () => {
    expect(suggestAppName("Atlassian", [])).toBe("Atlassian");
    expect(suggestAppName("Atlassian", ["atlassian"])).toBe("Atlassian 2");
    expect(suggestAppName("Atlassian", ["Atlassian", "Atlassian 2", "ATLASSIAN 3"])).toBe("Atlassian 4");
  });

  it("adds an app under the chosen name, refuses a name another app has in any case, and renames it (audited)", async () => {
    const { id } = await addApp("atlassian", context, "Atlassian (staging)");
    expect((await db.app.findUnique({ where: { id }, select: { name: true } }))!.name).toBe("Atlassian (staging)");
    await expect(addApp("scim", context, "ATLASSIAN (STAGING)")).rejects.toMatchObject({
      code: "conflict",
      fieldErrors: { name: [expect.stringMatching(/Another app is already called “Atlassian \(staging\)”/)] },
    });
    expect(await renameApp(id, "Jira staging", context)).toEqual({ changed: true });
    expect(await renameApp(id, "Jira staging", context)).toEqual({ changed: false });
    expect(await auditOf(id, "app.renamed")).toMatchObject({
      actorLabel: "owner@lifecycle.example",
      targetLabel: "Jira staging",
      changes: { name: { from: "Atlassian (staging)", to: "Jira staging" } },
    });
    // Renaming to its own name in another case is allowed; to another app's name is not.
    await expect(
      renameApp(id, (await db.app.findUnique({ where: { id: testbed.appId }, select: { name: true } }))!.name.toUpperCase(), context),
    ).rejects.toMatchObject({
      code: "conflict",
    });
  });
});

describe("the Sync endpoint another app uses", () => {
  it("lists the other apps' endpoints, normalised, for Configure's warning; never the app's own", async () => {
    const twin = await makeActiveApp(sandbox, context);
    const others = await otherAppEndpoints(context.organizationId, testbed.appId);
    const expected = sandbox.baseUrl.replace(/\/+$/, "").toLowerCase();
    expect(others.filter((other) => other.endpoint === expected).length).toBeGreaterThanOrEqual(1);
    expect(others.map((other) => other.name)).not.toContain((await db.app.findUnique({ where: { id: testbed.appId }, select: { name: true } }))!.name);
    expect((await otherAppEndpoints(context.organizationId, twin)).some((other) => other.endpoint === expected)).toBe(true);
    await deleteApp({ appId: twin, accounts: "leave", confirmName: (await db.app.findUnique({ where: { id: twin }, select: { name: true } }))!.name }, context);
  });
});

describe("stop provisioning and resume", () => {
  it("sends nothing while stopped, logs the change as held, and sends it on Resume", async () => {
    const appId = testbed.appId;
    const [id] = await provisioned(appId, "pause", 1);
    expect(await stopProvisioning(appId, context)).toEqual({ changed: true });
    expect(await appRow(appId)).toMatchObject({ state: "PAUSED", quarantineReason: "Stopped by owner@lifecycle.example." });
    expect(await auditOf(appId, "app.paused")).toMatchObject({ changes: { state: { from: "ACTIVE", to: "PAUSED" } } });

    const before = sandbox.stats.snapshot();
    await updateUser(id!, userInput.parse({ email: "pause0@lifecycle.example", firstName: "Pat", lastName: "pause0", title: "After" }), context);
    const held = await eventually(
      async () => db.operation.findFirst({ where: { appId, userId: id, kind: "UPDATE", status: "SKIPPED" }, select: { message: true } }),
      { what: "the held update's log row" },
    );
    expect(held!.message).toMatch(/Not sent: provisioning to this app is paused/);
    expect(remote(id!)!.attributes.title).toBe("Before");
    expect(sandbox.stats.snapshot().byMethod.PATCH ?? 0).toBe(before.byMethod.PATCH ?? 0);

    expect(await resumeApp(context.organizationId, appId, context)).toMatchObject({ resumed: true });
    await eventually(async () => remote(id!)?.attributes.title === "After", { what: "the held title to reach the app on Resume" });
    expect(await appRow(appId)).toMatchObject({ state: "ACTIVE", quarantineReason: null });
    expect(await auditOf(appId, "app.resumed")).toMatchObject({ changes: { state: { from: "PAUSED", to: "ACTIVE" } } });
  });
});

describe("deleting an app", () => {
  it("deactivates every account first (whatever the sync actions say), then deletes the app and its rows", async () => {
    const appId = await makeActiveApp(sandbox, context);
    const ids = await provisioned(appId, "deact", 3);
    // The admin's explicit choice wins over a switched-off "Activate and deactivate users".
    await saveSyncActions({ appId, syncCreate: true, syncUpdate: true, syncDelete: false, syncActivation: false }, context);
    const name = (await db.app.findUnique({ where: { id: appId }, select: { name: true } }))!.name;
    expect(await previewAppDeletion(context.organizationId, appId)).toEqual({ name, accounts: 3, deactivations: 3, deleting: false });

    await expect(deleteApp({ appId, accounts: "deactivate", confirmName: "wrong" }, context)).rejects.toMatchObject({ code: "invalid_input" });
    const started = await deleteApp({ appId, accounts: "deactivate", confirmName: name }, context);
    expect(started).toMatchObject({ deleted: false, runId: expect.any(String) });
    await eventually(async () => !(await appRow(appId)), { what: "the app to be deleted after its accounts were deactivated" });
    for (const id of ids) expect(remote(id)!.attributes.active).toBe(false);
    expect(await db.account.count({ where: { appId } })).toBe(0);
    expect(await db.operation.count({ where: { appId } })).toBe(0);
    expect(await db.syncRun.count({ where: { appId } })).toBe(0);
    expect(await auditOf(appId, "app.deleted")).toMatchObject({ changes: { accountsDeactivated: { to: 3 }, accountsLeftInApp: { to: 0 } } });
    expect(await auditOf(appId, "app.deletion_started")).toBeTruthy();
  });

  it("logs each deactivation as the admin's choice, and keeps the app (saying why) when some could not be deactivated", async () => {
    const appId = await makeActiveApp(sandbox, context);
    const ids = await provisioned(appId, "failing", 2);
    const name = (await db.app.findUnique({ where: { id: appId }, select: { name: true } }))!.name;
    // The app stops accepting Roster's token: every deactivation is refused (HTTP 401, not retried).
    await db.app.update({ where: { id: appId }, data: { tokenCiphertext: encryptSecret(new Secret("revoked-token-000"), appId), tokenUpdatedAt: new Date() } });
    const { runId } = await deleteApp({ appId, accounts: "deactivate", confirmName: name }, context);
    const stopped = await eventually(async () => ((await appRow(appId))?.deletionRunId === null ? appRow(appId) : null), { what: "the deletion to stop" });
    expect(stopped!.quarantineReason).toMatch(new RegExp(`${name} was not deleted: 2 accounts could not be deactivated`));
    expect(await db.syncRun.findUnique({ where: { id: runId! }, select: { status: true, failed: true } })).toEqual({ status: "COMPLETED", failed: 2 });
    for (const id of ids) expect(remote(id)!.attributes.active).toBe(true);
    expect(await auditOf(appId, "app.deletion_stopped")).toMatchObject({ changes: { accountsNotDeactivated: { to: 2 } } });
    expect(await auditOf(appId, "app.deleted")).toBeNull();

    // With the token fixed, deleting again deactivates them, and the log rows say it was the admin's choice.
    await db.app.update({ where: { id: appId }, data: { tokenCiphertext: encryptSecret(new Secret(sandbox.token), appId), tokenUpdatedAt: new Date() } });
    const again = await deleteApp({ appId, accounts: "deactivate", confirmName: name }, context);
    await eventually(
      async () =>
        (await db.operation.count({ where: { appId, syncRunId: again.runId!, kind: "DEACTIVATE", status: "SUCCEEDED" } })) === 2 || !(await appRow(appId)),
      { what: "the deactivations' log rows" },
    );
    const rows = await db.operation.findMany({ where: { appId, syncRunId: again.runId!, kind: "DEACTIVATE" }, select: { message: true } });
    for (const row of rows) expect(row.message).toMatch(/the admin chose to deactivate every account/);
    await eventually(async () => !(await appRow(appId)), { what: "the app to be deleted on the second try" });
    for (const id of ids) expect(remote(id)!.attributes.active).toBe(false);
  });

  it("waits out an app's passing 503s: the deletion goes on once the retried deactivations succeed", async () => {
    const appId = await makeActiveApp(sandbox, context);
    const ids = await provisioned(appId, "flaky", 2);
    const name = (await db.app.findUnique({ where: { id: appId }, select: { name: true } }))!.name;
    // Every change is answered 503 for now: each deactivation fails, and Roster will try again.
    sandbox.faults.set({ serverErrorRate: 1, methods: ["PATCH", "PUT"] });
    try {
      const { runId } = await deleteApp({ appId, accounts: "deactivate", confirmName: name }, context);
      // Both people's first attempts (the batch's, then their own job's) have failed...
      await eventually(
        async () => {
          const [row] = await db.$queryRaw<{ n: number }[]>`
            SELECT count(*)::int AS n FROM graphile_worker._private_jobs
            WHERE payload ->> 'syncRunId' = ${runId} AND payload ->> 'userId' IS NOT NULL AND attempts >= 1 AND last_error IS NOT NULL`;
          return row!.n === 2;
        },
        { what: "each person's own retry job to have failed once", timeoutMs: 60_000 },
      );
      // ...and the deletion still waits for their retries instead of stopping.
      expect(await appRow(appId)).toMatchObject({ state: "PAUSED", deletionRunId: runId });
      expect(await db.syncRun.findUnique({ where: { id: runId! }, select: { status: true } })).toEqual({ status: "RUNNING" });
      expect(await auditOf(appId, "app.deletion_stopped")).toBeNull();
    } finally {
      sandbox.faults.set({});
    }
    await eventually(async () => !(await appRow(appId)), { what: "the app to be deleted once the app answers again", timeoutMs: 60_000 });
    for (const id of ids) expect(remote(id)!.attributes.active).toBe(false);
    expect(await auditOf(appId, "app.deleted")).toMatchObject({ changes: { accountsDeactivated: { to: 2 } } });
  }, 120_000);

  it("Resume during a deletion keeps the app, stops the deletion and says so in the audit log", async () => {
    const appId = await makeActiveApp(sandbox, context);
    await provisioned(appId, "keep", 2);
    const name = (await db.app.findUnique({ where: { id: appId }, select: { name: true } }))!.name;
    // The app is slow to answer, so the deletion is still going when the admin changes their mind.
    sandbox.faults.set({ serverErrorRate: 1, methods: ["PATCH", "PUT"] });
    let runId: string | null = null;
    try {
      ({ runId } = await deleteApp({ appId, accounts: "deactivate", confirmName: name }, context));
      expect(await appRow(appId)).toMatchObject({ deletionRunId: runId });
      // Resume checks the connection with reads, which the app still answers.
      expect(await resumeApp(context.organizationId, appId, context)).toMatchObject({ resumed: true, deletionCancelled: true });
    } finally {
      sandbox.faults.set({});
    }
    expect(await appRow(appId)).toMatchObject({ state: "ACTIVE", deletionRunId: null });
    expect(await db.syncRun.findUnique({ where: { id: runId! }, select: { status: true } })).toEqual({ status: "CANCELLED" });
    expect(await auditOf(appId, "app.deletion_cancelled")).toMatchObject({ changes: { accountsDeactivatedSoFar: { to: expect.any(Number) } } });
    // The app stays, whatever its deletion's batches still do.
    await eventually(async () => (await db.syncRun.count({ where: { appId, status: "RUNNING" } })) === 0, { what: "the runs to end" });
    expect(await appRow(appId)).toMatchObject({ state: "ACTIVE" });
    expect(await auditOf(appId, "app.deleted")).toBeNull();
  });

  it("leaving the accounts deletes the app at once and sends nothing: the app's users stay as they were", async () => {
    const appId = await makeActiveApp(sandbox, context);
    const ids = await provisioned(appId, "leave", 2);
    const name = (await db.app.findUnique({ where: { id: appId }, select: { name: true } }))!.name;
    const before = sandbox.stats.snapshot();
    expect(await deleteApp({ appId, accounts: "leave", confirmName: name }, context)).toEqual({ deleted: true, runId: null });
    expect(await appRow(appId)).toBeNull();
    for (const id of ids) expect(remote(id)!.attributes).toMatchObject({ active: true, title: "Before" });
    expect(sandbox.stats.snapshot().total).toBe(before.total);
    expect(await auditOf(appId, "app.deleted")).toMatchObject({ changes: { accountsLeftInApp: { to: 2 }, accountsDeactivated: { to: 0 } } });
  });

  it("cancels the app's queued jobs", async () => {
    const appId = await makeActiveApp(sandbox, context);
    const people = await Promise.all(
      [0, 1, 2].map((i) => createUser(userInput.parse({ email: `queued${i}@lifecycle.example`, firstName: "Q", lastName: `${i}` }), context)),
    );
    const inAnHour = new Date(Date.now() + 3_600_000);
    await db.$transaction((tx) =>
      enqueueReconcile(
        tx,
        [appId],
        people.map((person) => person.id),
        { runAt: inAnHour },
      ),
    );
    expect(await queuedJobsOf(appId)).toBe(3);
    const name = (await db.app.findUnique({ where: { id: appId }, select: { name: true } }))!.name;
    await deleteApp({ appId, accounts: "leave", confirmName: name }, context);
    expect(await queuedJobsOf(appId)).toBe(0);
  });
});
