/**
 * Assigning an app to groups: exactly the members whose access changes are marked for reconcile (a
 * few as single reconciles, many as one sync run), the audit events are written with the change, and
 * the app's people list says how each person has the app.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { db } from "../../db";
import { makeOrganization, makePerson } from "../../testing/make-organization";
import { listUsers } from "../users/list-users";
import { userListQuery } from "../schemas/user";
import { listAccessSources } from "./access-sources";
import { assignGroups, countPeopleLosingAccess, unassignGroups } from "./assign-groups";
import { assignUsers, unassignUsers } from "./assign-users";
import { describeAccess } from "./describe-access";

let organizationId: string;
let appId: string;
let context: { organizationId: string; actor: { id: string; label: string }; ip: null };

beforeEach(async () => {
  organizationId = (await makeOrganization()).id;
  const owner = await makePerson(organizationId, { role: "OWNER" });
  context = { organizationId, actor: { id: owner.id, label: owner.email }, ip: null };
  appId = (await db.app.create({ data: { organizationId, catalogKey: "atlassian", name: "Atlassian" } })).id;
  // Each test reads the jobs its own writes queued.
  await db.$executeRaw`DELETE FROM graphile_worker._private_jobs`;
});

async function makeGroup(name: string, memberIds: readonly string[]) {
  return db.group.create({
    data: { organizationId, name, members: { createMany: { data: memberIds.map((userId) => ({ userId })) } } },
    select: { id: true, name: true },
  });
}

async function makePeople(count: number, lastName = "Member"): Promise<string[]> {
  const rows = await db.user.createManyAndReturn({
    data: Array.from({ length: count }, (_, i) => ({
      organizationId,
      email: `${lastName.toLowerCase()}${i}-${crypto.randomUUID().slice(0, 6)}@example.com`,
      firstName: `P${i}`,
      lastName,
    })),
    select: { id: true },
  });
  return rows.map((row) => row.id);
}

interface Queued {
  task: string;
  payload: { appId: string; userId?: string; userIds?: string[]; reason?: string };
}

async function queuedJobs(): Promise<Queued[]> {
  return db.$queryRaw<Queued[]>`
    SELECT tasks.identifier AS task, jobs.payload
    FROM graphile_worker._private_jobs AS jobs JOIN graphile_worker._private_tasks AS tasks ON tasks.id = jobs.task_id
    ORDER BY jobs.id`;
}

async function reconciledPeople(): Promise<string[]> {
  const jobs = await queuedJobs();
  return jobs.flatMap((job) => (job.task === "reconcile" ? [job.payload.userId!] : (job.payload.userIds ?? []))).sort();
}

async function clearJobs() {
  await db.$executeRaw`DELETE FROM graphile_worker._private_jobs`;
}

describe("assigning groups", () => {
  it("marks exactly the members without another source, audits the assignment, and does it once", async () => {
    const [direct, viaOther, newcomer1, newcomer2] = await makePeople(4);
    const other = await makeGroup("Sales", [viaOther!]);
    await assignUsers(appId, { ids: [direct!] }, context);
    await assignGroups(appId, [other.id], context);
    await clearJobs();

    const engineering = await makeGroup("Engineering", [direct!, viaOther!, newcomer1!, newcomer2!]);
    expect(await assignGroups(appId, [engineering.id], context)).toEqual({ changed: 1, people: 2 });
    expect(await reconciledPeople()).toEqual([newcomer1!, newcomer2!].sort());
    expect((await queuedJobs()).every((job) => job.task === "reconcile")).toBe(true);
    expect(
      await db.auditEvent.findMany({
        where: { organizationId, action: "app.group_assigned", targetId: appId },
        select: { targetLabel: true, changes: true },
        orderBy: { createdAt: "asc" },
      }),
    ).toEqual([
      { targetLabel: "Atlassian", changes: { group: { from: null, to: "Sales" } } },
      { targetLabel: "Atlassian", changes: { group: { from: null, to: "Engineering" } } },
    ]);

    await clearJobs();
    expect(await assignGroups(appId, [engineering.id], context)).toEqual({ changed: 0, people: 0 });
    expect(await queuedJobs()).toEqual([]);
    expect(await db.auditEvent.count({ where: { organizationId, action: "app.group_assigned", targetId: appId } })).toBe(2);
  });

  it("marks a person in two groups assigned together once", async () => {
    const [both, onlyA] = await makePeople(2);
    const a = await makeGroup("A team", [both!, onlyA!]);
    const b = await makeGroup("B team", [both!]);
    expect(await assignGroups(appId, [a.id, b.id], context)).toEqual({ changed: 2, people: 2 });
    expect(await reconciledPeople()).toEqual([both!, onlyA!].sort());

    await clearJobs();
    // Taking both away at once: each loses their last source, and each is marked once.
    expect(await unassignGroups(appId, [a.id, b.id], context)).toEqual({ changed: 2, people: 2 });
    expect(await reconciledPeople()).toEqual([both!, onlyA!].sort());
  });

  it("queues one reconcile-people run for a group of 60, not 60 reconciles", async () => {
    const members = await makePeople(60);
    const big = await makeGroup("Everyone", members);
    expect(await assignGroups(appId, [big.id], context)).toEqual({ changed: 1, people: 60 });
    const jobs = await queuedJobs();
    expect(jobs.map((job) => job.task)).toEqual(["reconcile-people"]);
    expect(jobs[0]!.payload.appId).toBe(appId);
    expect(jobs[0]!.payload.reason).toBe("Everyone assigned");
    expect([...jobs[0]!.payload.userIds!].sort()).toEqual([...members].sort());
  });

  it("unassigning marks only the members left without a source, and the count before confirming agrees", async () => {
    const [direct, viaOther, leaving] = await makePeople(3);
    const engineering = await makeGroup("Engineering", [direct!, viaOther!, leaving!]);
    const sales = await makeGroup("Sales", [viaOther!]);
    await assignUsers(appId, { ids: [direct!] }, context);
    await assignGroups(appId, [engineering.id, sales.id], context);
    await clearJobs();

    expect(await countPeopleLosingAccess(organizationId, appId, engineering.id)).toBe(1);
    expect(await unassignGroups(appId, [engineering.id], context)).toEqual({ changed: 1, people: 1 });
    expect(await reconciledPeople()).toEqual([leaving!]);
    expect(await db.auditEvent.findFirst({ where: { action: "app.group_unassigned", targetId: appId }, select: { changes: true } })).toEqual({
      changes: { group: { from: "Engineering", to: null } },
    });
    await expect(countPeopleLosingAccess(organizationId, appId, engineering.id)).rejects.toMatchObject({ code: "not_found" });
  });

  it("writes nothing when the transaction fails: no assignment, no audit, no job", async () => {
    const [person] = await makePeople(1);
    const group = await makeGroup("Engineering", [person!]);
    await expect(assignGroups(appId, [group.id, crypto.randomUUID()], context)).rejects.toMatchObject({ code: "not_found" });
    expect(await db.groupAssignment.count({ where: { appId } })).toBe(0);
    expect(await db.auditEvent.count({ where: { organizationId, action: "app.group_assigned" } })).toBe(0);
    expect(await queuedJobs()).toEqual([]);
  });

  it("refuses groups and apps of another organization", async () => {
    const other = await makeOrganization("Other");
    const theirGroup = await db.group.create({ data: { organizationId: other.id, name: "Theirs" }, select: { id: true } });
    await expect(assignGroups(appId, [theirGroup.id], context)).rejects.toMatchObject({ code: "not_found" });
    const foreignApp = await db.app.create({ data: { organizationId: other.id, catalogKey: "scim", name: "Theirs" } });
    const mine = await makeGroup("Mine", []);
    await expect(assignGroups(foreignApp.id, [mine.id], context)).rejects.toMatchObject({ code: "not_found" });
  });
});

describe("the app's people and how they have it", () => {
  it("lists everyone in scope, directly or through groups, with their sources", async () => {
    const [onlyDirect, onlyVia, everything, outsider] = await makePeople(4);
    const engineering = await makeGroup("Engineering", [onlyVia!, everything!]);
    const sales = await makeGroup("Sales", [everything!]);
    const support = await makeGroup("Support", [everything!, outsider!]);
    await assignUsers(appId, { ids: [onlyDirect!, everything!] }, context);
    await assignGroups(appId, [engineering.id, sales.id], context);

    const page = await listUsers(organizationId, { ...userListQuery.parse({}), inScopeOf: appId });
    expect(page.total).toBe(3);
    const ids = page.users.map((user) => user.id);
    expect(ids.sort()).toEqual([onlyDirect!, onlyVia!, everything!].sort());

    const sources = await listAccessSources(appId, [onlyDirect!, onlyVia!, everything!, outsider!]);
    expect(describeAccess(sources.get(onlyDirect!)!)).toBe("Directly");
    expect(describeAccess(sources.get(onlyVia!)!)).toBe("Via Engineering");
    expect(describeAccess(sources.get(everything!)!)).toBe("Directly · via Engineering, Sales");
    // Support is not assigned to the app: its members have no access through it.
    expect(describeAccess(sources.get(outsider!)!)).toBe("No access");
    void support;
  });

  it("pages through people in scope with the keyset and search", async () => {
    const members = await makePeople(7, "Grouped");
    const direct = await makePeople(3, "Direct");
    await makePeople(5, "Nobody");
    await assignGroups(appId, [(await makeGroup("Engineering", members)).id], context);
    await assignUsers(appId, { ids: direct }, context);

    const seen: string[] = [];
    let after: string | undefined;
    do {
      const page = await listUsers(organizationId, { ...userListQuery.parse({ after }), inScopeOf: appId }, 4);
      expect(page.total).toBe(10);
      seen.push(...page.users.map((user) => user.id));
      after = page.nextCursor ?? undefined;
    } while (after);
    expect(seen.sort()).toEqual([...members, ...direct].sort());

    const searched = await listUsers(organizationId, { ...userListQuery.parse({ q: "grouped" }), inScopeOf: appId });
    expect(searched.total).toBe(7);
  });

  it("unassigning someone directly who also has a group says they keep access through it", async () => {
    const [person] = await makePeople(1);
    await assignUsers(appId, { ids: [person!] }, context);
    await assignGroups(appId, [(await makeGroup("Engineering", [person!])).id], context);
    await clearJobs();
    const result = await unassignUsers(appId, { ids: [person!] }, context);
    expect(result).toEqual({ changed: 1, skipped: [{ name: "P0 Member", reason: "still has access via Engineering" }], skippedCount: 1 });
    // Their access did not change, so nothing is marked.
    expect(await queuedJobs()).toEqual([]);
  });
});
