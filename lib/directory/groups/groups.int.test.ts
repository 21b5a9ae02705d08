/**
 * Directory groups against real PostgreSQL: each write and its audit events in one transaction, names unique
 * whatever their case, keyset-paged lists with counts, and membership changes marking exactly the (app, person)
 * pairs whose access really changes.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { db } from "../../db";
import { makeOrganization, makePerson } from "../../testing/make-organization";
import { assignUsers } from "../assignments/assign-users";
import { deleteGroup, getGroupDeletionImpact } from "./delete-group";
import { getGroup, listGroupsOfPerson } from "./get-group";
import { addGroupMembers, removeGroupMembers } from "./group-members";
import { listGroupMembers, searchPeopleForGroup } from "./list-group-members";
import { listGroups, searchGroups } from "./list-groups";
import { createGroup, describeGroup, renameGroup } from "./save-group";
import { createGroupInput } from "../schemas/group";

let organizationId: string;
let context: { organizationId: string; actor: { id: string; label: string }; ip: null };

beforeEach(async () => {
  organizationId = (await makeOrganization()).id;
  const owner = await makePerson(organizationId, { role: "OWNER" });
  context = { organizationId, actor: { id: owner.id, label: owner.email }, ip: null };
});

/** The jobs queued for one app, by task: `reconcile` pairs' user ids, and `reconcile-people` payloads. */
async function queuedFor(appId: string) {
  const rows = await db.$queryRaw<{ task: string; payload: { appId: string; userId?: string; userIds?: string[]; reason?: string } }[]>`
    SELECT tasks.identifier AS task, jobs.payload
    FROM graphile_worker._private_jobs AS jobs JOIN graphile_worker._private_tasks AS tasks ON tasks.id = jobs.task_id
    WHERE jobs.payload->>'appId' = ${appId}
    ORDER BY jobs.id`;
  return {
    reconciled: rows.filter((row) => row.task === "reconcile").map((row) => row.payload.userId!),
    runs: rows.filter((row) => row.task === "reconcile-people").map((row) => row.payload),
  };
}

async function clearJobs(appId: string) {
  await db.$executeRaw`DELETE FROM graphile_worker._private_jobs WHERE payload->>'appId' = ${appId}`;
}

async function makeApp(name = "Atlassian") {
  return (await db.app.create({ data: { organizationId, catalogKey: "atlassian", name }, select: { id: true } })).id;
}

async function people(count: number, prefix = "p") {
  const base = `${prefix}${Math.random().toString(36).slice(2, 8)}`;
  await db.user.createMany({
    data: Array.from({ length: count }, (_, i) => ({
      organizationId,
      email: `${base}-${i}@example.com`,
      firstName: `First${String(i).padStart(3, "0")}`,
      lastName: `${prefix}-last`,
    })),
  });
  const rows = await db.user.findMany({ where: { organizationId, email: { startsWith: `${base}-` } }, orderBy: { firstName: "asc" }, select: { id: true } });
  return rows.map((row) => row.id);
}

describe("groups", () => {
  it("creates, renames, describes and deletes, each with its audit event", async () => {
    const group = await createGroup(createGroupInput.parse({ name: "  Engineering ", description: "Builds things" }), context);
    expect(await db.group.findUnique({ where: { id: group.id }, select: { name: true, nameKey: true, description: true } })).toEqual({
      name: "Engineering",
      nameKey: "engineering",
      description: "Builds things",
    });
    await renameGroup(group.id, "Platform", context);
    expect(await renameGroup(group.id, "Platform", context)).toMatchObject({ changed: false });
    await describeGroup(group.id, "Runs the platform", context);
    await deleteGroup(group.id, context);
    expect(await db.group.count({ where: { id: group.id } })).toBe(0);

    const events = await db.auditEvent.findMany({
      where: { organizationId, targetType: "group", targetId: group.id },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      select: { action: true, targetLabel: true, changes: true, actorLabel: true },
    });
    expect(events.map((event) => event.action)).toEqual(["group.created", "group.renamed", "group.described", "group.deleted"]);
    expect(events[1]).toMatchObject({ targetLabel: "Platform", changes: { name: { from: "Engineering", to: "Platform" } }, actorLabel: context.actor.label });
    expect(events[2]!.changes).toEqual({ description: { from: "Builds things", to: "Runs the platform" } });
    expect(events[3]!.changes).toEqual({ name: { from: "Platform", to: null }, members: { from: 0, to: null } });
  });

  it("refuses a taken name in any case, with a field error, and writes nothing", async () => {
    await createGroup({ name: "Engineering", description: "" }, context);
    const other = await createGroup({ name: "Design", description: "" }, context);
    const auditBefore = await db.auditEvent.count({ where: { organizationId } });
    await expect(createGroup({ name: "ENGINEERING", description: "" }, context)).rejects.toMatchObject({
      code: "conflict",
      fieldErrors: { name: ["A group named “Engineering” already exists."] },
    });
    await expect(renameGroup(other.id, "engineering", context)).rejects.toMatchObject({ code: "conflict" });
    expect(await db.group.count({ where: { organizationId } })).toBe(2);
    expect(await db.auditEvent.count({ where: { organizationId } })).toBe(auditBefore);
    // A group may change the case of its own name, and another organization may use the name.
    await expect(renameGroup(other.id, "DESIGN", context)).resolves.toMatchObject({ changed: true });
    const elsewhere = await makeOrganization("Elsewhere");
    await expect(createGroup({ name: "Engineering", description: "" }, { ...context, organizationId: elsewhere.id })).resolves.toBeTruthy();
  });

  it("lists by name with search, member and app counts, and keyset pages both ways", async () => {
    const names = Array.from({ length: 7 }, (_, i) => `Team ${String.fromCharCode(71 - i)}`); // Team G … Team A
    const ids = new Map<string, string>();
    for (const name of names) ids.set(name, (await createGroup({ name, description: "" }, context)).id);
    await createGroup({ name: "100%_real", description: "" }, context);
    const members = await people(3);
    await addGroupMembers(ids.get("Team B")!, { ids: members }, context);
    const appId = await makeApp();
    await db.groupAssignment.create({ data: { appId, groupId: ids.get("Team B")! } });

    const first = await listGroups(organizationId, { q: "team" }, 3);
    expect(first.total).toBe(7);
    expect(first.groups.map((group) => group.name)).toEqual(["Team A", "Team B", "Team C"]);
    expect(first.groups[1]).toMatchObject({ memberCount: 3, appCount: 1 });
    expect(first.groups[0]).toMatchObject({ memberCount: 0, appCount: 0 });
    expect(first.previousCursor).toBeNull();
    const second = await listGroups(organizationId, { q: "TEAM", after: first.nextCursor! }, 3);
    expect(second.groups.map((group) => group.name)).toEqual(["Team D", "Team E", "Team F"]);
    const third = await listGroups(organizationId, { q: "team", after: second.nextCursor! }, 3);
    expect(third.groups.map((group) => group.name)).toEqual(["Team G"]);
    expect(third.nextCursor).toBeNull();
    const back = await listGroups(organizationId, { q: "team", before: third.previousCursor! }, 3);
    expect(back.groups.map((group) => group.name)).toEqual(["Team D", "Team E", "Team F"]);
    // LIKE wildcards are searched for as text; a forged cursor starts the list again.
    expect((await listGroups(organizationId, { q: "%_" })).groups.map((group) => group.name)).toEqual(["100%_real"]);
    expect((await listGroups(organizationId, { after: "not-a-cursor" })).groups).toHaveLength(8);
    expect((await searchGroups(organizationId, "team b")).map((group) => group.name)).toEqual(["Team B"]);

    const detail = await getGroup(organizationId, ids.get("Team B")!);
    expect(detail).toMatchObject({ name: "Team B", memberCount: 3, apps: [{ id: appId, name: "Atlassian" }] });
    expect(await getGroup((await makeOrganization("Other")).id, ids.get("Team B")!)).toBeNull();
  });

  it("adds and removes members, audits each person, and pages and searches the members", async () => {
    const group = await createGroup({ name: "Engineering", description: "" }, context);
    const ids = await people(5);
    const stranger = await makePerson((await makeOrganization("Other")).id);
    expect(await addGroupMembers(group.id, { ids: [...ids, stranger.id] }, context)).toEqual({ changed: 5, skipped: [] });
    expect(await addGroupMembers(group.id, { ids }, context)).toEqual({ changed: 0, skipped: [] });
    expect(await db.groupMember.count({ where: { groupId: group.id } })).toBe(5);
    expect(await db.auditEvent.findFirst({ where: { targetId: ids[0], action: "user.added_to_group" }, select: { changes: true } })).toEqual({
      changes: { group: { from: null, to: "Engineering" } },
    });
    expect(await db.auditEvent.count({ where: { targetId: group.id, action: "group.members_added" } })).toBe(1);

    const page = await listGroupMembers(organizationId, group.id, {}, 2);
    expect(page.total).toBe(5);
    expect(page.members.map((member) => member.firstName)).toEqual(["First000", "First001"]);
    const next = await listGroupMembers(organizationId, group.id, { after: page.nextCursor! }, 2);
    expect(next.members.map((member) => member.firstName)).toEqual(["First002", "First003"]);
    const back = await listGroupMembers(organizationId, group.id, { before: next.previousCursor! }, 2);
    expect(back.members.map((member) => member.firstName)).toEqual(["First000", "First001"]);
    expect(back.previousCursor).toBeNull();
    const found = await listGroupMembers(organizationId, group.id, { q: "FIRST004" });
    expect(found).toMatchObject({ total: 1, members: [{ id: ids[4], firstName: "First004" }] });

    const picked = await searchPeopleForGroup(organizationId, group.id, "first00");
    expect(picked.filter((person) => person.member)).toHaveLength(5);

    expect(await removeGroupMembers(group.id, { ids: [ids[0]!, ids[1]!] }, context)).toEqual({ changed: 2, skipped: [] });
    expect(await db.auditEvent.count({ where: { targetId: ids[0], action: "user.removed_from_group" } })).toBe(1);
    expect((await listGroupsOfPerson(organizationId, ids[2]!)).map((g) => g.name)).toEqual(["Engineering"]);
    expect(await listGroupsOfPerson(organizationId, ids[0]!)).toEqual([]);
  });

  it("adds everyone matching the users list's filter", async () => {
    const group = await createGroup({ name: "Sales", description: "" }, context);
    await db.user.createMany({
      data: Array.from({ length: 12 }, (_, i) => ({ organizationId, email: `s${i}@example.com`, firstName: "S", lastName: `${i}`, department: "Sales" })),
    });
    expect(await addGroupMembers(group.id, { filter: { department: "Sales" } }, context)).toMatchObject({ changed: 12 });
  });

  it("refuses a group of another organization", async () => {
    const other = await makeOrganization("Other");
    const theirs = await createGroup({ name: "Theirs", description: "" }, { ...context, organizationId: other.id });
    const person = await makePerson(organizationId);
    await expect(addGroupMembers(theirs.id, { ids: [person.id] }, context)).rejects.toMatchObject({ code: "not_found" });
    await expect(renameGroup(theirs.id, "Mine", context)).rejects.toMatchObject({ code: "not_found" });
    await expect(deleteGroup(theirs.id, context)).rejects.toMatchObject({ code: "not_found" });
    expect(await db.group.count({ where: { id: theirs.id } })).toBe(1);
  });
});

describe("marking for reconcile", () => {
  it("marks a person who joins an assigned group, but not one assigned directly; leaving the last source marks them", async () => {
    const appId = await makeApp();
    const unassignedApp = await makeApp("Slack");
    const group = await createGroup({ name: "Engineering", description: "" }, context);
    await db.groupAssignment.create({ data: { appId, groupId: group.id } });
    const [newcomer, direct] = await people(2);
    await assignUsers(appId, { ids: [direct!] }, context);
    await clearJobs(appId);

    await addGroupMembers(group.id, { ids: [newcomer!, direct!] }, context);
    expect(await queuedFor(appId)).toEqual({ reconciled: [newcomer], runs: [] });
    expect(await queuedFor(unassignedApp)).toEqual({ reconciled: [], runs: [] });

    // Another assigned group keeps the app for the newcomer: leaving this one changes nothing for them.
    const other = await createGroup({ name: "Everyone", description: "" }, context);
    await db.groupAssignment.create({ data: { appId, groupId: other.id } });
    await addGroupMembers(other.id, { ids: [newcomer!] }, context);
    await clearJobs(appId);
    await removeGroupMembers(group.id, { ids: [newcomer!, direct!] }, context);
    expect(await queuedFor(appId)).toEqual({ reconciled: [], runs: [] });

    // Leaving the last source is an unassignment: the pair is marked.
    await removeGroupMembers(other.id, { ids: [newcomer!] }, context);
    expect(await queuedFor(appId)).toEqual({ reconciled: [newcomer], runs: [] });
  });

  it("queues one reconcile-people run, not 60 jobs, when 60 people join at once", async () => {
    const appId = await makeApp();
    const group = await createGroup({ name: "Support", description: "" }, context);
    await db.groupAssignment.create({ data: { appId, groupId: group.id } });
    const ids = await people(60);
    await clearJobs(appId);
    await addGroupMembers(group.id, { ids }, context);
    const { reconciled, runs } = await queuedFor(appId);
    expect(reconciled).toEqual([]);
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ appId, reason: "Added to Support" });
    expect(new Set(runs[0]!.userIds)).toEqual(new Set(ids));
  });

  it("deleting a group marks its members who have no other source, and says so before confirming", async () => {
    const appId = await makeApp();
    const idle = await makeApp("Slack");
    await db.app.update({ where: { id: idle }, data: { syncActivation: false } });
    const group = await createGroup({ name: "Engineering", description: "" }, context);
    await db.groupAssignment.createMany({
      data: [
        { appId, groupId: group.id },
        { appId: idle, groupId: group.id },
      ],
    });
    const [only, direct, unassignedPerson] = await people(3);
    await addGroupMembers(group.id, { ids: [only!, direct!, unassignedPerson!] }, context);
    await assignUsers(appId, { ids: [direct!] }, context);

    expect(await getGroupDeletionImpact(organizationId, group.id)).toEqual({
      memberCount: 3,
      apps: [
        { id: appId, name: "Atlassian", losing: 2, deactivates: true },
        { id: idle, name: "Slack", losing: 3, deactivates: false },
      ],
    });
    await clearJobs(appId);
    await clearJobs(idle);
    await deleteGroup(group.id, context);
    expect(new Set((await queuedFor(appId)).reconciled)).toEqual(new Set([only, unassignedPerson]));
    expect((await queuedFor(idle)).reconciled).toHaveLength(3);
    expect(await db.groupMember.count({ where: { groupId: group.id } })).toBe(0);
    expect(await db.groupAssignment.count({ where: { groupId: group.id } })).toBe(0);
    expect(await db.auditEvent.findFirst({ where: { targetId: group.id, action: "group.deleted" }, select: { changes: true } })).toEqual({
      changes: { name: { from: "Engineering", to: null }, members: { from: 3, to: null } },
    });
  });

  it("a member added while the group is being assigned waits for that write, then marks the new pair", async () => {
    const appId = await makeApp();
    const group = await createGroup({ name: "Engineering", description: "" }, context);
    const [person] = await people(1);
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    // As assigning a group to an app must: the group row locked, the assignment written, then (later) the commit.
    let locked!: () => void;
    const isLocked = new Promise<void>((resolve) => (locked = resolve));
    const assigning = db.$transaction(
      async (tx) => {
        await tx.$queryRaw`SELECT id FROM groups WHERE id = ${group.id}::uuid FOR NO KEY UPDATE`;
        await tx.groupAssignment.create({ data: { appId, groupId: group.id } });
        locked();
        await released;
      },
      { timeout: 20_000 },
    );
    await isLocked;
    const adding = addGroupMembers(group.id, { ids: [person!] }, context);
    // Wait until the membership write is blocked on the group's row, then let the assignment commit.
    await expect
      .poll(
        async () =>
          (
            await db.$queryRaw<{ waiting: number }[]>`
              SELECT count(*)::int AS waiting FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`
          )[0]!.waiting,
        { timeout: 10_000 },
      )
      .toBe(1);
    release();
    await assigning;
    await expect(adding).resolves.toMatchObject({ changed: 1 });
    expect(await queuedFor(appId)).toEqual({ reconciled: [person], runs: [] });
  });

  it("marks nothing when a write fails: the marks and the audit are in the write's transaction", async () => {
    const appId = await makeApp();
    const group = await createGroup({ name: "Engineering", description: "" }, context);
    await db.groupAssignment.create({ data: { appId, groupId: group.id } });
    const [person] = await people(1);
    await clearJobs(appId);
    const auditBefore = await db.auditEvent.count({ where: { organizationId } });
    // A trigger that refuses the member row after the marks' statements would have run, had they come first.
    await db.$executeRawUnsafe(`CREATE OR REPLACE FUNCTION refuse_member() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'refused'; END $$ LANGUAGE plpgsql`);
    await db.$executeRawUnsafe(
      `CREATE CONSTRAINT TRIGGER refuse_member AFTER INSERT ON group_members DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION refuse_member()`,
    );
    try {
      await expect(addGroupMembers(group.id, { ids: [person!] }, context)).rejects.toThrow(/refused/);
    } finally {
      await db.$executeRawUnsafe(`DROP TRIGGER refuse_member ON group_members`);
    }
    expect(await queuedFor(appId)).toEqual({ reconciled: [], runs: [] });
    expect(await db.auditEvent.count({ where: { organizationId } })).toBe(auditBefore);
    expect(await db.groupMember.count({ where: { groupId: group.id } })).toBe(0);
  });
});
