/**
 * The engine's side of assignment by group: a member of a group assigned to the app is in scope like a
 * person assigned directly; leaving the last source deprovisions (the app's sync actions apply), leaving one of
 * two sources changes nothing; many people at once become one sync run with progress, not a job each.
 * Group writes here go through the same marking functions the directory's group services call.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../db";
import { assignUsers } from "../../directory/assignments/assign-users";
import { peopleWithoutOtherSource } from "../../directory/assignments/scope-sources";
import { markPeopleForReconcile } from "../../queue/mark-for-reconcile";
import type { RunningSandbox } from "../../sandbox";
import { startEngineTestbed, type EngineTestbed } from "../../testing/engine-testbed";
import { makePerson } from "../../testing/make-organization";
import { eventually } from "../../../scripts/testing/worker-process";

let testbed: EngineTestbed;
let sandbox: RunningSandbox;
let appId: string;
let organizationId: string;
let context: EngineTestbed["context"];

beforeAll(async () => {
  testbed = await startEngineTestbed({ token: "group-scope-token-01", organization: "Halden groups", ownerEmail: "owner@groups.example" });
  ({ sandbox, appId, context } = testbed);
  organizationId = testbed.organizationId;
});

afterAll(async () => {
  await testbed?.close();
});

const remote = (userId: string) => sandbox.store.users.findByExternalId(userId);

async function newGroup(name: string): Promise<string> {
  const [row] = await db.$queryRaw<{ id: string }[]>`
    INSERT INTO groups (id, organization_id, name, updated_at) VALUES (gen_random_uuid(), ${organizationId}::uuid, ${name}, now()) RETURNING id::text`;
  return row!.id;
}

/** Adds or removes members the way a membership write does: the change and its marks in one transaction. */
async function changeMembers(groupId: string, userIds: string[], change: "add" | "remove", reason: string) {
  await db.$transaction(async (tx) => {
    const apps = await tx.groupAssignment.findMany({ where: { groupId }, select: { appId: true } });
    const affected = new Map<string, string[]>();
    for (const { appId } of apps) affected.set(appId, await peopleWithoutOtherSource(tx, appId, userIds, { groupId }));
    if (change === "add") await tx.groupMember.createMany({ data: userIds.map((userId) => ({ groupId, userId })), skipDuplicates: true });
    else await tx.groupMember.deleteMany({ where: { groupId, userId: { in: userIds } } });
    for (const [appId, ids] of affected) await markPeopleForReconcile(tx, appId, ids, reason);
  });
}

async function assignGroup(groupId: string, reason: string) {
  await db.$transaction(async (tx) => {
    const members = (await tx.groupMember.findMany({ where: { groupId }, select: { userId: true } })).map((row) => row.userId);
    const affected = await peopleWithoutOtherSource(tx, appId, members, { groupId });
    await tx.groupAssignment.create({ data: { appId, groupId } });
    await markPeopleForReconcile(tx, appId, affected, reason);
  });
}

describe("assignment by group, against the sandbox with a real worker", () => {
  it("provisions a member of an assigned group, and deprovisions them only when no other source remains", async () => {
    const engineering = await newGroup("Engineering");
    const sales = await newGroup("Sales");
    const ada = await makePerson(organizationId, { email: "ada@groups.example" });
    const bo = await makePerson(organizationId, { email: "bo@groups.example" });
    await changeMembers(engineering, [ada.id, bo.id], "add", "Added to Engineering");
    await changeMembers(sales, [ada.id], "add", "Added to Sales");
    // Bo also has the app directly.
    await assignUsers(appId, { ids: [bo.id] }, context);
    await eventually(async () => remote(bo.id)?.attributes.active === true, { what: "Bo's direct account" });

    await assignGroup(engineering, "Engineering assigned");
    await eventually(async () => remote(ada.id)?.attributes.active === true, { what: "Ada's account through Engineering" });
    await assignGroup(sales, "Sales assigned");

    // Ada leaves Engineering but is still in Sales; Bo leaves Engineering but is assigned directly: nothing changes.
    await changeMembers(engineering, [ada.id, bo.id], "remove", "Removed from Engineering");
    // Ada leaves Sales, her last source: deactivated (the app's sync actions deactivate on unassign).
    await changeMembers(sales, [ada.id], "remove", "Removed from Sales");
    await eventually(async () => remote(ada.id)?.attributes.active === false, { what: "Ada's deactivation" });
    expect(remote(bo.id)?.attributes.active).toBe(true);
    const kinds = async (userId: string) =>
      (await db.operation.findMany({ where: { appId, userId }, orderBy: { createdAt: "asc" }, select: { kind: true, status: true } })).map(
        (op) => `${op.kind}:${op.status}`,
      );
    // The log row commits just after the app answered.
    await eventually(async () => (await kinds(ada.id)).length === 2, { what: "Ada's DEACTIVATE row" });
    expect(await kinds(ada.id)).toEqual(["CREATE:SUCCEEDED", "DEACTIVATE:SUCCEEDED"]);
    expect(await kinds(bo.id)).toEqual(["CREATE:SUCCEEDED"]);
  });

  it("assigns a 120-person group as one sync run with progress, labelled with what changed", async () => {
    const group = await newGroup("Support");
    const people = await Promise.all(Array.from({ length: 120 }, (_, index) => makePerson(organizationId, { email: `support${index}@groups.example` })));
    await changeMembers(
      group,
      people.map((person) => person.id),
      "add",
      "Added to Support",
    );
    const before = await db.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM graphile_worker.jobs WHERE task_identifier = 'reconcile'`;
    await assignGroup(group, "Support assigned");
    // Not one job per person: the group's change is a single reconcile-people job, then a run of batches.
    const after = await db.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM graphile_worker.jobs WHERE task_identifier = 'reconcile'`;
    expect(after[0]!.n).toBeLessThanOrEqual(before[0]!.n);
    const run = await eventually(
      async () => db.syncRun.findFirst({ where: { appId, summary: { path: ["reason"], equals: "Support assigned" } }, select: { id: true, total: true } }),
      { what: "the group's sync run" },
    );
    expect(run!.total).toBe(120);
    await eventually(async () => (await db.syncRun.findUnique({ where: { id: run!.id }, select: { status: true } }))?.status === "COMPLETED", {
      what: "the run to finish",
    });
    expect(await db.syncRun.findUnique({ where: { id: run!.id }, select: { done: true, failed: true } })).toEqual({ done: 120, failed: 0 });
    for (const person of people) expect(remote(person.id)?.attributes.active).toBe(true);
  });
});
