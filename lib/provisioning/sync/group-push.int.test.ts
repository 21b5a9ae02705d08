/**
 * Group push against the sandbox playing Atlassian (no rename of a synced group, read-only groups it did not create
 * over SCIM, 409 on a taken name), with a real worker: create, link, member add and remove, rename (recreated, as
 * Atlassian requires), delete when no longer pushed, a name owned by a group Roster does not manage, and a
 * 2,000-member group pushed in chunked PATCHes under injected faults with no member lost.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../db";
import { peopleWithoutOtherSource } from "../../directory/assignments/scope-sources";
import { addGroupMembers, removeGroupMembers } from "../../directory/groups/group-members";
import { createGroup, renameGroup } from "../../directory/groups/save-group";
import { markPeopleForReconcile } from "../../queue/mark-for-reconcile";
import type { RunningSandbox } from "../../sandbox";
import { startEngineTestbed, type EngineTestbed } from "../../testing/engine-testbed";
import { makeActiveApp } from "../../testing/active-app";
import { eventually } from "../../../scripts/testing/worker-process";
import { setGroupPush } from "../apps/group-push";
import { saveSyncActions } from "../apps/save-sync-actions";
import { planAppSync } from "./sync-runs";

let testbed: EngineTestbed;
let sandbox: RunningSandbox;
let appId: string;
let organizationId: string;
let context: EngineTestbed["context"];

beforeAll(async () => {
  testbed = await startEngineTestbed({
    token: "group-push-token-01",
    organization: "Halden push",
    ownerEmail: "owner@push.example",
    limits: { maxConcurrency: 8, maxRequestsPerSecond: 1000 },
  });
  ({ sandbox, appId, context } = testbed);
  organizationId = testbed.organizationId;
  await saveSyncActions({ appId, syncCreate: true, syncUpdate: true, syncDelete: true, syncActivation: true, pushGroups: true }, context);
});

afterAll(async () => {
  await testbed?.close();
});

const remoteGroup = (name: string) => sandbox.store.groups.findByDisplayName(name);
const remoteMembers = (name: string) => new Set(((remoteGroup(name)?.attributes.members ?? []) as { value: string }[]).map((member) => member.value));
const remoteIdOf = (userId: string) => sandbox.store.users.findByExternalId(userId)?.id;
const groupRows = (groupId: string) =>
  db.operation.findMany({ where: { appId, groupId }, orderBy: { createdAt: "asc" }, select: { kind: true, status: true, message: true, changes: true } });

/** Assigns the group to the app with push on, as the Users tab does: scope marks in the same transaction. */
async function assignPushed(groupId: string) {
  await db.$transaction(async (tx) => {
    const members = (await tx.groupMember.findMany({ where: { groupId }, select: { userId: true } })).map((row) => row.userId);
    const affected = await peopleWithoutOtherSource(tx, appId, members, { groupId });
    await tx.groupAssignment.create({ data: { appId, groupId } });
    await markPeopleForReconcile(tx, appId, affected, "assigned");
  });
  await setGroupPush(appId, groupId, true, context);
}

async function people(prefix: string, count: number) {
  await db.user.createMany({
    data: Array.from({ length: count }, (_, i) => ({ organizationId, email: `${prefix}${i}@push.example`, firstName: "P", lastName: `${prefix}${i}` })),
  });
  return db.user.findMany({ where: { organizationId, email: { startsWith: prefix } }, select: { id: true }, orderBy: { email: "asc" } });
}

describe("group push, against a sandbox playing Atlassian", () => {
  it("creates the group with its members, adds and removes members, recreates it on rename, and deletes it when no longer pushed", async () => {
    const team = await people("eng", 3);
    const { id: groupId } = await createGroup({ name: "Engineering", description: "" }, context);
    await addGroupMembers(groupId, { ids: team.map((p) => p.id) }, context);
    await assignPushed(groupId);

    await eventually(async () => remoteMembers("Engineering").size === 3, { what: "the group created with its three members" });
    expect(remoteMembers("Engineering")).toEqual(new Set(team.map((p) => remoteIdOf(p.id))));
    const created = await eventually(
      async () => {
        const rows = await groupRows(groupId);
        return rows.some((row) => row.kind === "CREATE") && rows.some((row) => row.kind === "UPDATE" && row.status === "SUCCEEDED") ? rows : null;
      },
      { what: "the group's log rows" },
    );
    expect(created!.find((row) => row.kind === "CREATE")).toMatchObject({ status: "SUCCEEDED", changes: { displayName: { from: null, to: "Engineering" } } });
    expect(JSON.stringify(created!.filter((row) => row.kind === "UPDATE").map((row) => row.changes))).toContain("members added");

    // Leaving the group: removed from the app's group, and deactivated (no other source).
    await removeGroupMembers(groupId, { ids: [team[0]!.id] }, context);
    await eventually(async () => remoteMembers("Engineering").size === 2, { what: "the member removed in the app" });
    await eventually(async () => sandbox.store.users.findByExternalId(team[0]!.id)?.attributes.active === false, { what: "the leaver deactivated" });
    // The log names the leaver, whose account is no longer active, rather than their id in the app.
    const removed = await eventually(
      async () => (await groupRows(groupId)).find((row) => row.status === "SUCCEEDED" && JSON.stringify(row.changes).includes("members removed")),
      { what: "the members removed row" },
    );
    expect(removed!.changes).toEqual({ "members removed": { from: null, to: "P eng0 <eng0@push.example>" } });

    // Atlassian cannot rename a synced group: Roster creates the new name with the members and deletes the old.
    await renameGroup(groupId, "Platform", context);
    await eventually(async () => remoteGroup("Platform") !== undefined && remoteGroup("Engineering") === undefined && remoteMembers("Platform").size === 2, {
      what: "the group recreated under its new name",
    });
    const renamed = await eventually(async () => (await groupRows(groupId)).find((row) => row.kind === "CREATE" && row.message), { what: "the recreate row" });
    expect(renamed!.message).toMatch(/cannot rename a group: Roster created “Platform” with the same members and deleted “Engineering”/);

    // No longer pushed: deleted in the app, logged.
    await setGroupPush(appId, groupId, false, context);
    await eventually(async () => remoteGroup("Platform") === undefined, { what: "the group deleted in the app" });
    await eventually(async () => (await groupRows(groupId)).filter((row) => row.kind === "DELETE").length === 2, { what: "both DELETE rows" });
    expect(await db.appGroup.findUnique({ where: { appId_groupId: { appId, groupId } }, select: { state: true, remoteId: true } })).toEqual({
      state: "DELETED",
      remoteId: null,
    });
  });

  it("renamed to a name the app already has (Atlassian cannot rename): links that group, moves the members, and deletes the old one", async () => {
    const team = await people("ops", 2);
    const { id: groupId } = await createGroup({ name: "Ops", description: "" }, context);
    await addGroupMembers(groupId, { ids: team.map((p) => p.id) }, context);
    await assignPushed(groupId);
    await eventually(async () => remoteMembers("Ops").size === 2, { what: "Ops pushed with its members" });
    const taken = sandbox.store.groups.create({ displayName: "Platform Ops", members: [] }, new Date());

    await renameGroup(groupId, "Platform Ops", context);
    await eventually(async () => remoteGroup("Ops") === undefined && remoteMembers("Platform Ops").size === 2, {
      what: "the members in the existing group and the old one deleted",
    });
    expect(remoteGroup("Platform Ops")!.id).toBe(taken.id);
    await eventually(async () => (await groupRows(groupId)).some((row) => row.kind === "DELETE"), { what: "the old group's DELETE row" });
    expect(await db.appGroup.findUnique({ where: { appId_groupId: { appId, groupId } }, select: { remoteId: true, remoteName: true } })).toEqual({
      remoteId: taken.id,
      remoteName: "Platform Ops",
    });
  });

  it("links a same-name group already in the app (found before creating) and makes its members the directory's", async () => {
    const team = await people("sales", 2);
    const stranger = await people("stranger", 1);
    const { id: groupId } = await createGroup({ name: "Sales", description: "" }, context);
    await addGroupMembers(groupId, { ids: team.map((p) => p.id) }, context);
    // Someone already has Sales in the app, with a member who is not in the directory's group (but has an account).
    await db.assignment.create({ data: { appId, userId: stranger[0]!.id } });
    await markPeopleForReconcile(db, appId, [stranger[0]!.id], "test");
    const strangerRemote = await eventually(async () => remoteIdOf(stranger[0]!.id), { what: "the stranger's account" });
    const existing = sandbox.store.groups.create({ displayName: "sales", members: [{ value: strangerRemote! }] }, new Date());

    await assignPushed(groupId);
    await eventually(
      async () => {
        const members = remoteMembers("sales");
        return members.size === 2 && !members.has(strangerRemote!);
      },
      { what: "the existing group's members made equal" },
    );
    expect(sandbox.store.groups.all().filter((group) => String(group.attributes.displayName).toLowerCase() === "sales")).toHaveLength(1);
    expect(remoteGroup("sales")!.id).toBe(existing.id);
    // The rows commit just after the app's last answer.
    const rows = await eventually(
      async () => {
        const found = await groupRows(groupId);
        return found.some((row) => row.kind === "UPDATE" && row.status === "SUCCEEDED") ? found : null;
      },
      { what: "the group's rows" },
    );
    expect(rows!.map((row) => `${row.kind}:${row.status}`)).toContain("LINK:SUCCEEDED");
    expect(rows!.some((row) => row.kind === "CREATE")).toBe(false);
  });

  it("after a 409 from a server whose filter compares case exactly, finds the group by listing and links it", async () => {
    const team = await people("design", 1);
    const { id: groupId } = await createGroup({ name: "Design", description: "" }, context);
    await addGroupMembers(groupId, { ids: team.map((p) => p.id) }, context);
    const existing = sandbox.store.groups.create({ displayName: "DESIGN", members: [] }, new Date());
    sandbox.quirks.set({ exactCaseFilters: true });
    try {
      await assignPushed(groupId);
      await eventually(async () => remoteMembers("DESIGN").size === 1, { what: "the member added to the existing group" });
      await eventually(async () => (await groupRows(groupId)).some((row) => row.kind === "LINK"), { what: "the LINK row" });
    } finally {
      sandbox.quirks.set({});
    }
    expect(remoteGroup("design")!.id).toBe(existing.id);
    expect(sandbox.store.groups.all().filter((group) => String(group.attributes.displayName).toLowerCase() === "design")).toHaveLength(1);
    expect((await groupRows(groupId)).map((row) => `${row.kind}:${row.status}`)).not.toContain("CREATE:SUCCEEDED");
  });

  it("shows the conflict when the name belongs to a group Roster does not manage, and retries nothing blindly", async () => {
    const team = await people("mgr", 1);
    const { id: groupId } = await createGroup({ name: "Managers", description: "" }, context);
    await addGroupMembers(groupId, { ids: team.map((p) => p.id) }, context);
    sandbox.store.groups.create({ displayName: "Managers", members: [] }, new Date(), { siteGroup: true });

    await assignPushed(groupId);
    const state = await eventually(async () => db.appGroup.findFirst({ where: { appId, groupId, state: "CONFLICT" }, select: { lastError: true } }), {
      what: "the conflict recorded",
    });
    expect(state!.lastError).toMatch(/does not let Roster change “Managers”/);
    const failed = (await groupRows(groupId)).filter((row) => row.status === "FAILED");
    expect(failed.at(-1)!.message).toMatch(/managed outside SCIM/);
    expect(remoteMembers("Managers").size).toBe(0);
    // Not retried: once the jobs already queued (the member's account creation queues one) have run, none is left
    // waiting for a retry, and the conflict still stands.
    const key = `reconcile-group:${appId}:${groupId}`;
    await eventually(
      async () => (await db.$queryRaw<[{ jobs: number }]>`SELECT count(*)::int AS jobs FROM graphile_worker.jobs WHERE key = ${key}`)[0].jobs === 0,
      { what: "no job of the group left" },
    );
    expect(await db.appGroup.findFirst({ where: { appId, groupId }, select: { state: true } })).toEqual({ state: "CONFLICT" });
  });

  it("previews group changes in Dry run from the database alone, and holds a sync that would delete too many groups", async () => {
    // A paused app: nothing is sent, so what the preview shows is all there is.
    const pausedApp = await makeActiveApp(sandbox, context);
    await saveSyncActions({ appId: pausedApp, syncCreate: true, syncUpdate: true, syncDelete: true, syncActivation: true, pushGroups: true }, context);
    await db.app.update({ where: { id: pausedApp }, data: { state: "PAUSED", deletionThresholdCount: 0 } });
    const team = await people("preview", 2);
    await db.assignment.createMany({ data: team.map((p) => ({ appId: pausedApp, userId: p.id })) });
    await db.account.createMany({
      data: team.map((p, i) => ({ appId: pausedApp, userId: p.id, userLabel: `p${i}`, remoteId: `remote-${i}`, state: "ACTIVE" as const })),
    });
    const { id: groupId } = await createGroup({ name: "Preview", description: "" }, context);
    await addGroupMembers(groupId, { ids: team.map((p) => p.id) }, context);
    await db.groupAssignment.create({ data: { appId: pausedApp, groupId, push: true } });
    // And a copy Roster made of a group that is no longer pushed.
    const gone = await createGroup({ name: "Old team", description: "" }, context);
    await db.appGroup.create({
      data: { appId: pausedApp, groupId: gone.id, groupLabel: "Old team", remoteId: "g-old", remoteName: "Old team", state: "ACTIVE" },
    });

    const plan = await planAppSync(organizationId, pausedApp);
    expect(plan.groupChanges).toEqual([
      { groupId: gone.id, label: "Old team", kind: "DELETE", added: 0, removed: 0 },
      { groupId, label: "Preview", kind: "CREATE", added: 2, removed: 0 },
    ]);
    expect(plan.groupDeletions).toBe(1);
    expect(plan.needsApproval).toBe(true);
  });

  it("pushes a 2,000-member group in chunked PATCHes under 5xx and 429 faults without losing a member", async () => {
    const crowd = await people("crowd", 2_000);
    const { id: groupId } = await createGroup({ name: "Everyone", description: "" }, context);
    await addGroupMembers(groupId, { ids: crowd.map((p) => p.id) }, context);
    // The people first (their accounts), then the faults, then the push.
    await db.assignment.createMany({ data: crowd.map((p) => ({ appId, userId: p.id })) });
    await markPeopleForReconcile(
      db,
      appId,
      crowd.map((p) => p.id),
      "test",
    );
    await eventually(async () => (await db.account.count({ where: { appId, userId: { in: crowd.map((p) => p.id) }, state: "ACTIVE" } })) === 2_000, {
      what: "2,000 accounts",
      timeoutMs: 120_000,
    });
    sandbox.faults.set({ serverErrorRate: 0.2, rateLimitRate: 0.1, retryAfterSeconds: 1, seed: 11 });
    try {
      await assignPushed(groupId);
      await eventually(async () => remoteMembers("Everyone").size === 2_000, { what: "all 2,000 members in the app", timeoutMs: 180_000 });
    } finally {
      sandbox.faults.set({});
    }
    expect(remoteMembers("Everyone")).toEqual(new Set(crowd.map((p) => remoteIdOf(p.id))));
    // The rows commit just after the app's last answer.
    const updates = await eventually(
      async () => {
        const rows = (await groupRows(groupId)).filter((row) => row.kind === "UPDATE" && row.status === "SUCCEEDED");
        return rows.length >= 4 ? rows : null;
      },
      { what: "the member rows" },
    );
    // 500 members a PATCH: 4 requests, each its own log row; the faults hit the push, and each retried attempt has its row.
    expect(updates).toHaveLength(4);
    const stats = sandbox.stats.snapshot();
    expect((stats.faults["500"] ?? 0) + (stats.faults["503"] ?? 0) + (stats.faults["429"] ?? 0)).toBeGreaterThan(0);
    expect((await groupRows(groupId)).filter((row) => row.status === "FAILED" && /^Attempt \d+ of \d+/.test(row.message ?? "")).length).toBeGreaterThan(0);
  }, 300_000);
});
