import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "../../db";
import { startSandbox, type RunningSandbox } from "../../sandbox";
import { makeActiveApp } from "../../testing/active-app";
import { makeOrganization, makePerson } from "../../testing/make-organization";
import { eventually, startWorker, type WorkerProcess } from "../../../scripts/testing/worker-process";
import { confirmImport } from "./confirm-import";
import { getLatestImportRun, listCandidates } from "./list-candidates";
import { startImport } from "./start-import";

/**
 * The sandbox holds 1,000 users. The directory has 60 of them (40 assigned to
 * the app, 20 not) plus 10 assigned people the app lacks:
 *   - 940 remote users are NEW;
 *   - of the 40 assigned matches, 10 are inactive in the app → DEACTIVATE, and 15 have another title → UPDATE;
 *   - the 20 unassigned matches → ACTIVATE (5 of them also UPDATE);
 *   - the 10 assigned people the app lacks → DEACTIVATE.
 * In the app, "Platform Team" has user0, user45, user46 and user999; "jira-users" (a site group) has user45. The
 * directory has a group "JIRA-USERS" already.
 */
let sandbox: RunningSandbox;
let worker: WorkerProcess;
let appId: string;
let context: { organizationId: string; actor: { id: string; label: string }; ip: null };

function remoteUser(i: number, { active = true, title = "Engineer" } = {}) {
  const email = `user${i}@import.example`;
  return {
    schemas: ["urn:ietf:params:scim:schemas:core:2.0:User"],
    userName: email,
    name: { givenName: "User", familyName: `N${i}` },
    emails: [{ value: email, type: "work", primary: true }],
    title,
    active,
  };
}

beforeAll(async () => {
  vi.stubEnv("ROSTER_ALLOW_PRIVATE_TARGETS", "1");
  const seedUsers = Array.from({ length: 1000 }, (_, i) =>
    remoteUser(i, { active: !(i >= 30 && i < 40), title: i < 15 || (i >= 40 && i < 45) ? "Old title" : "Engineer" }),
  );
  sandbox = await startSandbox({ quiet: true, token: "import-token-1", seedUsers });
  const remoteIds = (...numbers: number[]) => numbers.map((i) => ({ value: sandbox.store.users.findByUserName(`user${i}@import.example`)!.id }));
  sandbox.store.groups.create({ displayName: "Platform Team", members: remoteIds(0, 45, 46, 999) }, new Date());
  sandbox.store.groups.create({ displayName: "jira-users", members: remoteIds(45) }, new Date(), { siteGroup: true });
  const organizationId = (await makeOrganization("Importers")).id;
  const owner = await makePerson(organizationId, { role: "OWNER", email: "owner@importers.example" });
  context = { organizationId, actor: { id: owner.id, label: owner.email }, ip: null };
  appId = await makeActiveApp(sandbox, context);
  // Directory: user0..user59 match; the first 40 are assigned. Plus 10 assigned people the app lacks.
  await db.user.createMany({
    data: [
      ...Array.from({ length: 60 }, (_, i) => ({ organizationId, email: `user${i}@import.example`, firstName: "User", lastName: `N${i}`, title: "Engineer" })),
      ...Array.from({ length: 10 }, (_, i) => ({ organizationId, email: `gone${i}@import.example`, firstName: "Gone", lastName: `G${i}`, title: "Engineer" })),
    ],
  });
  const people = await db.user.findMany({ where: { organizationId, role: null }, select: { id: true, email: true } });
  const assigned = people.filter((person) => /^user([0-9]|[1-3][0-9])@/.test(person.email) || person.email.startsWith("gone"));
  await db.assignment.createMany({ data: assigned.map((person) => ({ appId, userId: person.id })) });
  await db.group.create({ data: { organizationId, name: "JIRA-USERS" } });
  worker = startWorker();
}, 60_000);

afterAll(async () => {
  await worker?.stop();
  await sandbox?.close();
});

async function readyRun() {
  const run = await eventually(
    async () => {
      const run = await getLatestImportRun(context.organizationId, appId);
      return run?.status === "READY" || run?.status === "CONFIRMED" ? run : undefined;
    },
    { timeoutMs: 60_000, what: "the fetch to finish" },
  );
  return run!;
}

describe("importing from the app", () => {
  it("fetches every page and counts each filter exactly", async () => {
    await startImport(context.organizationId, appId, context);
    const run = await readyRun();
    expect(run.fetched).toBe(1000);
    expect(run.counts).toEqual({ all: 1010, NEW: 940, UPDATE: 20, ACTIVATE: 20, DEACTIVATE: 20, conflicts: 0 });
    const update = await listCandidates(run.id, { filter: "UPDATE", q: "user0@" });
    expect(update.rows[0]?.diff).toEqual({ title: { directory: "Engineer", app: "Old title" } });

    // Each candidate carries its groups in the app, and the search finds people by them.
    expect(update.rows[0]?.remoteGroups).toEqual(["Platform Team"]);
    expect((await listCandidates(run.id, { filter: "ALL", q: "user45@" })).rows[0]?.remoteGroups).toEqual(["Platform Team", "jira-users"]);
    expect((await listCandidates(run.id, { filter: "ALL", q: "user1@" })).rows[0]?.remoteGroups).toEqual([]);
    const platform = await listCandidates(run.id, { filter: "ALL", q: "platform team" });
    expect(platform.rows.map((row) => row.userName).sort()).toEqual([
      "user0@import.example",
      "user45@import.example",
      "user46@import.example",
      "user999@import.example",
    ]);
  });

  it("confirming New creates and assigns them without pushing back; confirming Deactivate unassigns; running again changes nothing", async () => {
    const run = await readyRun();
    await confirmImport(context.organizationId, run.id, { filter: "NEW" }, context);
    await eventually(async () => (await getLatestImportRun(context.organizationId, appId))?.status === "CONFIRMED", {
      timeoutMs: 60_000,
      what: "the NEW confirmation",
    });
    const created = await db.user.findFirstOrThrow({
      where: { organizationId: context.organizationId, email: "user999@import.example" },
      select: { id: true, assignments: { select: { appId: true } } },
    });
    expect(created.assignments).toEqual([{ appId }]);
    // Without the option, the app's groups change nothing here.
    expect(await db.group.findMany({ where: { organizationId: context.organizationId }, select: { name: true } })).toEqual([{ name: "JIRA-USERS" }]);
    expect(await db.groupMember.count({ where: { group: { organizationId: context.organizationId } } })).toBe(0);
    expect(await db.user.count({ where: { organizationId: context.organizationId, email: { endsWith: "@import.example" } } })).toBe(1010);
    expect(await db.auditEvent.count({ where: { organizationId: context.organizationId, action: "user.created" } })).toBe(940);

    await confirmImport(context.organizationId, run.id, { filter: "DEACTIVATE" }, context);
    await eventually(
      async () =>
        (await getLatestImportRun(context.organizationId, appId))?.status === "CONFIRMED" &&
        (await db.assignment.count({ where: { appId, user: { email: { startsWith: "gone" } } } })) === 0,
      { timeoutMs: 60_000, what: "the DEACTIVATE confirmation" },
    );
    expect(await db.assignment.count({ where: { appId, user: { email: { in: Array.from({ length: 10 }, (_, i) => `user${30 + i}@import.example`) } } } })).toBe(
      0,
    );

    // The imported accounts are linked as they are in the app: no second account is created and
    // none of the imported values is sent back (mapped attributes the app lacks may still be filled in).
    await new Promise((resolve) => setTimeout(resolve, 3000));
    expect(sandbox.store.users.size).toBe(1000);
    expect(await db.operation.count({ where: { appId, kind: "CREATE" } })).toBe(0);
    const updates = await db.operation.findMany({ where: { appId, kind: "UPDATE" }, select: { changes: true } });
    const sentBack = new Set(updates.flatMap((operation) => Object.keys((operation.changes ?? {}) as object)));
    for (const imported of ["userName", "title", "name.givenName", "name.familyName", 'emails[type eq "work"].value'])
      expect(sentBack.has(imported)).toBe(false);

    // A second confirmation of the same selection finds nothing left to do.
    const changesBefore = await db.auditEvent.count({ where: { organizationId: context.organizationId, NOT: { action: "app.import_confirmed" } } });
    const { toApply } = await confirmImport(context.organizationId, run.id, { filter: "NEW" }, context);
    expect(toApply).toBe(0);
    await eventually(async () => (await getLatestImportRun(context.organizationId, appId))?.status === "CONFIRMED", { what: "the repeated confirmation" });
    expect(await db.user.count({ where: { organizationId: context.organizationId } })).toBe(1011);
    expect(await db.auditEvent.count({ where: { organizationId: context.organizationId, NOT: { action: "app.import_confirmed" } } })).toBe(changesBefore);
  }, 180_000);

  it("confirming with the option adds the people to their app groups, joining an existing group whatever its case and creating the others", async () => {
    const run = await readyRun();
    await confirmImport(context.organizationId, run.id, { filter: "ACTIVATE" }, context, { joinGroups: true });
    await eventually(async () => (await getLatestImportRun(context.organizationId, appId))?.status === "CONFIRMED", {
      timeoutMs: 60_000,
      what: "the ACTIVATE confirmation",
    });
    expect((await getLatestImportRun(context.organizationId, appId))?.summary).toMatchObject({ joinGroups: true, groupsCreated: 1, membershipsAdded: 3 });
    const groups = await db.group.findMany({
      where: { organizationId: context.organizationId },
      select: { name: true, members: { select: { user: { select: { email: true } } } } },
      orderBy: { name: "asc" },
    });
    expect(groups.map((group) => ({ name: group.name, members: group.members.map((member) => member.user.email).sort() }))).toEqual([
      { name: "JIRA-USERS", members: ["user45@import.example"] },
      { name: "Platform Team", members: ["user45@import.example", "user46@import.example"] },
    ]);
    expect(await db.auditEvent.count({ where: { organizationId: context.organizationId, action: "group.created" } })).toBe(1);
    expect(await db.auditEvent.count({ where: { organizationId: context.organizationId, action: "user.added_to_group" } })).toBe(3);
    expect(
      await db.auditEvent.findFirst({
        where: { organizationId: context.organizationId, action: "app.import_confirmed" },
        orderBy: { createdAt: "desc" },
        select: { changes: true },
      }),
    ).toMatchObject({ changes: { groups: { from: null, to: "people added to their Atlassian groups" } } });
  }, 120_000);

  it("reads /Groups once for an app whose users do not list their groups", async () => {
    sandbox.quirks.set({ userGroupsOmitted: true });
    try {
      const previous = await getLatestImportRun(context.organizationId, appId);
      await startImport(context.organizationId, appId, context);
      const run = await eventually(
        async () => {
          const run = await getLatestImportRun(context.organizationId, appId);
          return run && run.id !== previous?.id && run.status === "READY" ? run : undefined;
        },
        { timeoutMs: 60_000, what: "the second fetch" },
      );
      const groupsOf = async (q: string) => (await listCandidates(run!.id, { filter: "ALL", q })).rows[0]?.remoteGroups;
      expect(await groupsOf("user45@")).toEqual(["Platform Team", "jira-users"]);
      expect(await groupsOf("user999@")).toEqual(["Platform Team"]);
      expect(await groupsOf("user1@")).toEqual([]);
    } finally {
      sandbox.quirks.set({});
    }
  }, 120_000);
});
