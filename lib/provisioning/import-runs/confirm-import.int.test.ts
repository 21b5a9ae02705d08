import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import pg from "pg";
import { db } from "../../db";
import { userInput } from "../../directory/schemas/user";
import { getUserDetail } from "../../directory/users/get-user";
import { createUser } from "../../directory/users/save-user";
import { startSandbox, type RunningSandbox } from "../../sandbox";
import { makeActiveApp } from "../../testing/active-app";
import { makeOrganization, makePerson } from "../../testing/make-organization";
import { PRIMARY_EMAIL } from "../mapping/target-attributes";
import { toMappingRules } from "../apps/field-mappings";
import { applyCandidates, claimCandidates } from "./apply-candidates";
import { applyImport } from "./confirm-import";
import { insertCandidates, type CandidateRow } from "./insert-candidates";

/**
 * Confirm Assignment's job, called directly (no worker) on candidates written
 * straight into a run, so each case controls exactly what the fetch would have
 * found. The app is a real Atlassian-mapped app on a sandbox nobody calls.
 */
let sandbox: RunningSandbox;
let appId: string;
let context: { organizationId: string; actor: { id: string; label: string }; ip: null };

beforeAll(async () => {
  vi.stubEnv("ROSTER_ALLOW_PRIVATE_TARGETS", "1");
  sandbox = await startSandbox({ quiet: true, token: "confirm-token-1" });
  const organizationId = (await makeOrganization("Confirmers")).id;
  const owner = await makePerson(organizationId, { role: "OWNER", email: "owner@confirm.example" });
  context = { organizationId, actor: { id: owner.id, label: owner.email }, ip: null };
  appId = await makeActiveApp(sandbox, context);
}, 60_000);

afterAll(async () => {
  await sandbox?.close();
});

type Candidate = Omit<CandidateRow, "runId" | "position">;

function remoteValues(email: string, familyName: string, title = "Engineer") {
  return { userName: email, [PRIMARY_EMAIL]: email, "name.givenName": "Dana", "name.familyName": familyName, title };
}

function newcomer(email: string, familyName: string, remoteId = `remote-${email}`): Candidate {
  return {
    remoteId,
    userName: email,
    email,
    displayName: null,
    remoteActive: true,
    remoteValues: remoteValues(email, familyName),
    matchedUserId: null,
    matchedBy: null,
    actions: ["NEW"],
    conflict: null,
    diff: {},
    remoteGroups: [],
    searchText: email,
  };
}

async function makeRun(candidates: Candidate[]): Promise<string> {
  const run = await db.importRun.create({ data: { appId, status: "READY", fetched: candidates.length }, select: { id: true } });
  await insertCandidates(candidates.map((candidate, position) => ({ ...candidate, runId: run.id, position })));
  return run.id;
}

async function summaryOf(runId: string) {
  return (await db.importRun.findUniqueOrThrow({ where: { id: runId }, select: { summary: true, applied: true } })) as {
    applied: number;
    summary: {
      created: number;
      updated: number;
      assigned: number;
      unassigned: number;
      joinGroups: boolean;
      groupsCreated: number;
      membershipsAdded: number;
      skippedCount: number;
      skipped: { who: string; reason: string }[];
    };
  };
}

async function reconcileJobs(): Promise<Map<string, unknown>> {
  const rows = await db.$queryRaw<{ key: string; payload: unknown }[]>`
    SELECT jobs.key, jobs.payload FROM graphile_worker._private_jobs AS jobs JOIN graphile_worker._private_tasks AS tasks ON tasks.id = jobs.task_id
    WHERE tasks.identifier = 'reconcile'`;
  return new Map(rows.map((row) => [row.key, row.payload]));
}

async function everything() {
  const where = { organizationId: context.organizationId };
  return {
    people: await db.user.count({ where }),
    events: await db.auditEvent.count({ where }),
    accounts: await db.account.findMany({
      where: { appId },
      select: { userId: true, remoteId: true, state: true, pushedValues: true },
      orderBy: { userId: "asc" },
    }),
    assignments: await db.assignment.count({ where: { appId } }),
    jobs: (await reconcileJobs()).size,
  };
}

describe("confirming New people in bulk", () => {
  it("writes the same people, audit events, accounts and reconcile jobs as the one-person services, across batches; a second run changes nothing", async () => {
    const taken = await makePerson(context.organizationId, { email: "taken@confirm.example" });
    const candidates = [
      ...Array.from({ length: 600 }, (_, i) => newcomer(`new${i}@confirm.example`, `N${i}`)),
      newcomer("taken@confirm.example", "Taken"),
      newcomer("twin@confirm.example", "Twin", "remote-twin-1"),
      newcomer("twin@confirm.example", "Twin", "remote-twin-2"),
      newcomer("zoë@confirm.example", "Invalid"),
      { ...newcomer("conflicted@confirm.example", "Conflicted"), actions: [], conflict: "Roster will not choose between them." },
    ];
    const runId = await makeRun(candidates);
    const before = await everything();

    await applyImport(runId, { filter: "NEW" }, context.actor, null);

    const { summary, applied } = await summaryOf(runId);
    expect(applied).toBe(604);
    expect(summary).toMatchObject({ created: 601, updated: 0, assigned: 602, unassigned: 0, skippedCount: 1 });
    expect(summary.skipped).toEqual([{ who: "zoë@confirm.example", reason: "Not created: Enter a valid e-mail address, such as dana.lee@example.com." }]);
    const after = await everything();
    expect(after.people - before.people).toBe(601);
    expect(after.assignments - before.assignments).toBe(602);
    expect(after.events - before.events).toBe(601 + 602);
    expect(
      await db.user.count({ where: { organizationId: context.organizationId, email: { in: ["zoë@confirm.example", "conflicted@confirm.example"] } } }),
    ).toBe(0);

    // One person, as createUser makes them: the same row and the same user.created event, then the assignment, in that order.
    const person = await db.user.findFirstOrThrow({
      where: { organizationId: context.organizationId, email: "new7@confirm.example" },
      select: { id: true, email: true, firstName: true, lastName: true, displayName: true, title: true, status: true, role: true, searchText: true },
    });
    expect(person).toMatchObject({
      firstName: "Dana",
      lastName: "N7",
      displayName: null,
      title: "Engineer",
      status: "ACTIVE",
      role: null,
      searchText: "dana n7  new7@confirm.example",
    });
    const reference = await makeOrganization("Reference");
    const referenceContext = { ...context, organizationId: reference.id };
    const referencePerson = await createUser(
      userInput.parse({ email: "new7@confirm.example", firstName: "Dana", lastName: "N7", title: "Engineer", status: "ACTIVE" }),
      referenceContext,
    );
    const referenceCreated = await db.auditEvent.findFirstOrThrow({
      where: { targetId: referencePerson.id },
      select: { action: true, changes: true, targetLabel: true, actorLabel: true, ip: true },
    });
    const history = (await getUserDetail(context.organizationId, person.id))!.history;
    expect(history.map((event) => event.action)).toEqual(["user.assigned", "user.created"]);
    expect(history[1]).toMatchObject(referenceCreated);
    expect(history[1]).toMatchObject({ actorLabel: context.actor.label, targetType: "user", targetLabel: "Dana N7 <new7@confirm.example>", ip: null });
    expect(history[0]).toMatchObject({ changes: { app: { from: null, to: "imported" } }, targetLabel: "Dana N7 <new7@confirm.example>" });
    expect(await db.auditEvent.count({ where: { targetId: person.id, actorId: context.actor.id } })).toBe(2);

    // Its account holds the app's values, so nothing is pushed back; its pair is marked for reconcile.
    expect(
      await db.account.findUniqueOrThrow({
        where: { appId_userId: { appId, userId: person.id } },
        select: { remoteId: true, remoteUserName: true, pushedValues: true, state: true, userLabel: true, lastSyncedAt: true },
      }),
    ).toMatchObject({
      remoteId: "remote-new7@confirm.example",
      remoteUserName: "new7@confirm.example",
      pushedValues: remoteValues("new7@confirm.example", "N7"),
      state: "ACTIVE",
      userLabel: "Dana N7 <new7@confirm.example>",
      lastSyncedAt: expect.any(Date),
    });
    const jobs = await reconcileJobs();
    expect(jobs.get(`reconcile:${appId}:${person.id}`)).toEqual({ appId, userId: person.id });

    // Someone already holding the e-mail is linked, not duplicated; of two candidates with one e-mail the first creates, the second links (last account wins, as one at a time).
    expect(await db.assignment.count({ where: { appId, userId: taken.id } })).toBe(1);
    expect(jobs.has(`reconcile:${appId}:${taken.id}`)).toBe(true);
    expect(await db.auditEvent.findMany({ where: { targetId: taken.id }, select: { action: true } })).toEqual([{ action: "user.assigned" }]);
    const twin = await db.user.findFirstOrThrow({ where: { organizationId: context.organizationId, email: "twin@confirm.example" }, select: { id: true } });
    expect(await db.account.findMany({ where: { appId, userId: twin.id }, select: { remoteId: true } })).toEqual([{ remoteId: "remote-twin-2" }]);
    expect(await db.auditEvent.count({ where: { targetId: twin.id } })).toBe(2);
    expect(await db.importCandidate.count({ where: { runId, appliedAt: null } })).toBe(1);

    // Confirming again finds nothing to do.
    await applyImport(runId, { filter: "ALL" }, context.actor, null);
    expect(await everything()).toEqual(after);
  }, 60_000);

  it("links the person another transaction adds with the same e-mail while the batch runs, instead of failing the batch", async () => {
    const runId = await makeRun([newcomer("race-a@confirm.example", "A"), newcomer("race@confirm.example", "Race"), newcomer("race-b@confirm.example", "B")]);
    const other = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await other.connect();
    try {
      await other.query("BEGIN");
      const { rows } = await other.query<{ id: string }>(
        `INSERT INTO users (id, organization_id, email, first_name, last_name, updated_at) VALUES (gen_random_uuid(), $1, 'race@confirm.example', 'Rae', 'Sharp', now()) RETURNING id`,
        [context.organizationId],
      );
      const confirming = applyImport(
        runId,
        { candidateIds: (await db.importCandidate.findMany({ where: { runId }, select: { id: true } })).map((row) => row.id) },
        context.actor,
        null,
      );
      // The bulk insert waits for the other transaction's row: commit it then.
      for (let waited = 0; ; waited += 50) {
        const [{ waiting } = { waiting: 0 }] = await db.$queryRaw<
          { waiting: number }[]
        >`SELECT count(*)::int AS waiting FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`;
        if (waiting > 0) break;
        if (waited > 10_000) throw new Error("The confirmation never waited for the other transaction.");
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      await other.query("COMMIT");
      await confirming;

      const { summary } = await summaryOf(runId);
      expect(summary).toMatchObject({ created: 2, assigned: 3, skippedCount: 0 });
      const raced = rows[0]!.id;
      expect(await db.user.count({ where: { organizationId: context.organizationId, email: "race@confirm.example" } })).toBe(1);
      expect(await db.assignment.count({ where: { appId, userId: raced } })).toBe(1);
      expect(await db.account.findUniqueOrThrow({ where: { appId_userId: { appId, userId: raced } }, select: { remoteId: true, userLabel: true } })).toEqual({
        remoteId: "remote-race@confirm.example",
        userLabel: "Rae Sharp <race@confirm.example>",
      });
    } finally {
      await other.end();
    }
  }, 30_000);

  it("leaves nothing behind when a batch dies half-way, so the retried job creates each person once; two jobs at once never apply a candidate twice", async () => {
    const runId = await makeRun(Array.from({ length: 120 }, (_, i) => newcomer(`retry${i}@confirm.example`, `R${i}`)));
    const before = await everything();
    const app = await db.app.findUniqueOrThrow({
      where: { id: appId },
      select: { fieldMappings: { select: { target: true, sourceField: true, hardcodedValue: true } } },
    });
    await expect(
      db.$transaction(async (tx) => {
        const batch = await claimCandidates(tx, runId, { filter: "NEW" }, -1, 50);
        await applyCandidates(tx, appId, batch, toMappingRules(app.fieldMappings), context);
        throw new Error("The worker was killed.");
      }),
    ).rejects.toThrow("killed");
    expect(await everything()).toEqual(before);
    expect(await db.importCandidate.count({ where: { runId, appliedAt: null } })).toBe(120);

    await applyImport(runId, { filter: "NEW" }, context.actor, null);
    expect((await everything()).people - before.people).toBe(120);

    const racedRunId = await makeRun(Array.from({ length: 1200 }, (_, i) => newcomer(`twice${i}@confirm.example`, `T${i}`)));
    const beforeBoth = await everything();
    await Promise.all([applyImport(racedRunId, { filter: "NEW" }, context.actor, null), applyImport(racedRunId, { filter: "NEW" }, context.actor, null)]);
    const afterBoth = await everything();
    expect(afterBoth.people - beforeBoth.people).toBe(1200);
    expect(afterBoth.events - beforeBoth.events).toBe(2400);
    expect(await db.importCandidate.count({ where: { runId: racedRunId, appliedAt: null } })).toBe(0);
  }, 60_000);
});

describe("confirming matched people", () => {
  it("applies Update, Activate and Deactivate as the one-person services do, and skips an Update whose e-mail someone else holds without failing the batch", async () => {
    const people = await Promise.all(
      ["upd", "clash", "holder", "act", "deact"].map((name) =>
        db.user.create({
          data: { organizationId: context.organizationId, email: `${name}@match.example`, firstName: "Mia", lastName: name, title: "Engineer" },
          select: { id: true, email: true },
        }),
      ),
    );
    const [upd, clash, holder, act, deact] = people as [
      (typeof people)[number],
      (typeof people)[number],
      (typeof people)[number],
      (typeof people)[number],
      (typeof people)[number],
    ];
    await db.assignment.createMany({ data: [upd, clash, deact].map((person) => ({ appId, userId: person.id })) });
    const matched = (
      person: { id: string; email: string },
      actions: CandidateRow["actions"],
      values = remoteValues(person.email, person.email.split("@")[0]!),
    ): Candidate => ({
      ...newcomer(person.email, ""),
      remoteValues: { ...values, "name.givenName": "Mia" },
      matchedUserId: person.id,
      matchedBy: "userName",
      actions,
    });
    const runId = await makeRun([
      matched(upd, ["UPDATE"], remoteValues(upd.email, "upd", "Manager")),
      matched(clash, ["UPDATE"], remoteValues(holder.email, "clash")),
      matched(act, ["ACTIVATE"]),
      { ...matched(deact, ["DEACTIVATE"]), remoteId: null, remoteValues: undefined },
    ]);
    await db.account.create({ data: { appId, userId: deact.id, userLabel: "Mia deact <deact@match.example>", remoteId: "gone-1", state: "ACTIVE" } });

    await applyImport(runId, { filter: "ALL" }, context.actor, null);

    const { summary } = await summaryOf(runId);
    expect(summary).toMatchObject({ created: 0, updated: 1, assigned: 1, unassigned: 1, skippedCount: 1 });
    expect(summary.skipped).toEqual([{ who: "clash@match.example", reason: "Not updated: This e-mail is already used by Mia holder." }]);
    expect(await db.user.findUniqueOrThrow({ where: { id: upd.id }, select: { title: true } })).toEqual({ title: "Manager" });
    expect(await db.auditEvent.findMany({ where: { targetId: upd.id }, select: { action: true, changes: true } })).toEqual([
      { action: "user.updated", changes: { title: { from: "Engineer", to: "Manager" } } },
    ]);
    expect(await db.auditEvent.findMany({ where: { targetId: act.id }, select: { action: true, changes: true } })).toEqual([
      { action: "user.assigned", changes: { app: { from: null, to: "imported" } } },
    ]);
    expect(await db.auditEvent.findMany({ where: { targetId: deact.id }, select: { action: true, changes: true } })).toEqual([
      { action: "user.unassigned", changes: { app: { from: "assigned", to: null } } },
    ]);
    expect(await db.auditEvent.count({ where: { targetId: clash.id } })).toBe(0);
    expect(await db.user.findUniqueOrThrow({ where: { id: clash.id }, select: { email: true } })).toEqual({ email: "clash@match.example" });
    expect(await db.assignment.findMany({ where: { appId, userId: { in: people.map((person) => person.id) } }, select: { userId: true } })).toEqual(
      expect.arrayContaining([{ userId: upd.id }, { userId: clash.id }, { userId: act.id }]),
    );
    expect(await db.assignment.count({ where: { appId, userId: deact.id } })).toBe(0);
    expect(await db.account.findUniqueOrThrow({ where: { appId_userId: { appId, userId: deact.id } }, select: { state: true, remoteId: true } })).toEqual({
      state: "DELETED",
      remoteId: null,
    });
    expect(await db.account.findUniqueOrThrow({ where: { appId_userId: { appId, userId: upd.id } }, select: { pushedValues: true } })).toEqual({
      pushedValues: { ...remoteValues(upd.email, "upd", "Manager"), "name.givenName": "Mia" },
    });
    const jobs = await reconcileJobs();
    for (const person of [upd, act, deact]) expect(jobs.has(`reconcile:${appId}:${person.id}`)).toBe(true);
    expect(jobs.has(`reconcile:${appId}:${clash.id}`)).toBe(false);
  }, 30_000);
});

describe("the Owner rule on import", () => {
  it("skips, with the reason, an Update that would change an Owner's e-mail when an Admin confirms; an Owner confirming may", async () => {
    const owner = await makePerson(context.organizationId, { role: "OWNER", email: "second-owner@match.example" });
    const admin = await makePerson(context.organizationId, { role: "ADMIN", permissions: ["IMPORT_USERS"], email: "admin@match.example" });
    const candidate = (): Candidate => ({
      ...newcomer(owner.email, "Person"),
      remoteValues: { ...remoteValues("taken-over@match.example", "Person"), "name.givenName": "Test" },
      matchedUserId: owner.id,
      matchedBy: "userName",
      actions: ["UPDATE"],
    });

    const byAdmin = await makeRun([candidate()]);
    await applyImport(byAdmin, { filter: "ALL" }, { id: admin.id, label: admin.email }, null);
    const { summary } = await summaryOf(byAdmin);
    expect(summary).toMatchObject({ updated: 0, skippedCount: 1 });
    expect(summary.skipped).toEqual([{ who: owner.email, reason: "Not updated: Only an Owner can change an Owner's e-mail." }]);
    expect(await db.user.findUniqueOrThrow({ where: { id: owner.id }, select: { email: true, status: true } })).toEqual({
      email: owner.email,
      status: "ACTIVE",
    });
    expect(await db.auditEvent.count({ where: { targetId: owner.id } })).toBe(0);

    const byOwner = await makeRun([candidate()]);
    await applyImport(byOwner, { filter: "ALL" }, context.actor, null);
    expect((await summaryOf(byOwner)).summary).toMatchObject({ updated: 1, skippedCount: 0 });
    expect(await db.user.findUniqueOrThrow({ where: { id: owner.id }, select: { email: true } })).toEqual({ email: "taken-over@match.example" });
  }, 30_000);
});

describe("joining the app's groups", () => {
  const inGroups = (candidate: Candidate, remoteGroups: string[]): Candidate => ({ ...candidate, remoteGroups, searchText: candidate.searchText });
  const matchedTo = (person: { id: string; email: string }, actions: CandidateRow["actions"], remoteActive = true): Candidate => ({
    ...newcomer(person.email, "Matched"),
    remoteValues: { ...remoteValues(person.email, "Matched"), "name.givenName": "Mia" },
    matchedUserId: person.id,
    matchedBy: "userName",
    actions,
    remoteActive,
  });
  const groupsNamed = (...names: string[]) =>
    db.group.findMany({
      where: { organizationId: context.organizationId, nameKey: { in: names.map((name) => name.toLowerCase()) } },
      select: { id: true, name: true, members: { select: { userId: true }, orderBy: { userId: "asc" } } },
      orderBy: { name: "asc" },
    });
  const groupEvents = () =>
    db.auditEvent.count({ where: { organizationId: context.organizationId, OR: [{ targetType: "group" }, { action: { contains: "group" } }] } });

  it("with the option: creates each missing group once whatever its case, adds the people, audited and marked like any membership change; a second run changes nothing", async () => {
    const otherApp = await makeActiveApp(sandbox, context);
    const engineering = await db.group.create({ data: { organizationId: context.organizationId, name: "Engineering" }, select: { id: true } });
    await db.groupAssignment.create({ data: { appId: otherApp, groupId: engineering.id } });
    const [eve, cy, dee] = await Promise.all(
      ["eve", "cy", "dee"].map((name) =>
        db.user.create({
          data: { organizationId: context.organizationId, email: `${name}@groups.example`, firstName: "Mia", lastName: "Matched" },
          select: { id: true, email: true },
        }),
      ),
    );
    await db.groupMember.create({ data: { groupId: engineering.id, userId: eve!.id } });
    await db.assignment.create({ data: { appId, userId: dee!.id } });
    const tooLong = "G".repeat(130);
    const runId = await makeRun([
      inGroups(newcomer("ana@groups.example", "Ana"), ["engineering", "Design Team"]),
      inGroups(newcomer("ben@groups.example", "Ben"), ["DESIGN TEAM", tooLong]),
      // Already a member: nothing to add.
      inGroups(matchedTo(eve!, ["ACTIVATE"]), ["Engineering"]),
      // Inactive in the app, or losing it: a group could give the app back, so they join none.
      inGroups(matchedTo(cy!, ["UPDATE"], false), ["Ops"]),
      inGroups(matchedTo(dee!, ["DEACTIVATE"], false), ["Ops"]),
    ]);
    const groupEventsBefore = await groupEvents();

    await applyImport(runId, { filter: "ALL" }, context.actor, null, { joinGroups: true });

    const { summary } = await summaryOf(runId);
    expect(summary).toMatchObject({ created: 2, assigned: 3, unassigned: 1, joinGroups: true, groupsCreated: 1, membershipsAdded: 3, skippedCount: 1 });
    expect(summary.skipped).toEqual([{ who: `The group “${tooLong}”`, reason: "Not created: Keep the name under 120 characters." }]);
    const ana = await db.user.findFirstOrThrow({ where: { organizationId: context.organizationId, email: "ana@groups.example" }, select: { id: true } });
    const ben = await db.user.findFirstOrThrow({ where: { organizationId: context.organizationId, email: "ben@groups.example" }, select: { id: true } });
    const byId = (a: { userId: string }, b: { userId: string }) => a.userId.localeCompare(b.userId);
    expect(await groupsNamed("Engineering", "Design Team", "Ops", tooLong)).toEqual([
      { id: expect.any(String), name: "Design Team", members: [{ userId: ana.id }, { userId: ben.id }].sort(byId) },
      { id: engineering.id, name: "Engineering", members: [{ userId: ana.id }, { userId: eve!.id }].sort(byId) },
    ]);
    const [designTeam] = await groupsNamed("Design Team");

    // Audited as createGroup and addGroupMembers audit: the group created, each person's history, each group's.
    expect(
      await db.auditEvent.findMany({
        where: { targetId: designTeam!.id },
        select: { action: true, changes: true, actorLabel: true },
        orderBy: { action: "asc" },
      }),
    ).toEqual([
      { action: "group.created", changes: { name: { from: null, to: "Design Team" } }, actorLabel: context.actor.label },
      { action: "group.members_added", changes: { members: { from: null, to: "2 added" } }, actorLabel: context.actor.label },
    ]);
    expect(await db.auditEvent.findMany({ where: { targetId: engineering.id }, select: { action: true, changes: true } })).toEqual([
      { action: "group.members_added", changes: { members: { from: null, to: "1 added" } } },
    ]);
    expect(
      await db.auditEvent.findMany({ where: { targetId: ana.id, action: "user.added_to_group" }, select: { changes: true }, orderBy: { createdAt: "asc" } }),
    ).toEqual(expect.arrayContaining([{ changes: { group: { from: null, to: "Engineering" } } }, { changes: { group: { from: null, to: "Design Team" } } }]));
    expect(await db.auditEvent.count({ where: { targetId: { in: [eve!.id, cy!.id, dee!.id] }, action: "user.added_to_group" } })).toBe(0);
    expect((await groupEvents()) - groupEventsBefore).toBe(1 + 2 + 3);

    // Joining Engineering gives Ana the other app it is assigned to: her pair there is marked, as for any new member.
    const jobs = await reconcileJobs();
    expect(jobs.has(`reconcile:${otherApp}:${ana.id}`)).toBe(true);
    expect(jobs.has(`reconcile:${otherApp}:${ben.id}`)).toBe(false);
    expect(jobs.has(`reconcile:${otherApp}:${eve!.id}`)).toBe(false);

    const after = {
      ...(await everything()),
      groups: await groupEvents(),
      members: await db.groupMember.count({ where: { group: { organizationId: context.organizationId } } }),
    };
    await applyImport(runId, { filter: "ALL" }, context.actor, null, { joinGroups: true });
    expect({
      ...(await everything()),
      groups: await groupEvents(),
      members: await db.groupMember.count({ where: { group: { organizationId: context.organizationId } } }),
    }).toEqual(after);
  }, 30_000);

  it("two confirmations at once naming one new group in two cases create it once, with both people in it", async () => {
    const runs = await Promise.all([
      makeRun([inGroups(newcomer("first@crew.example", "First"), ["Night Crew"])]),
      makeRun([inGroups(newcomer("second@crew.example", "Second"), ["NIGHT CREW"])]),
    ]);
    await Promise.all(runs.map((runId) => applyImport(runId, { filter: "NEW" }, context.actor, null, { joinGroups: true })));
    const crew = await groupsNamed("Night Crew");
    expect(crew).toHaveLength(1);
    expect(crew[0]!.members).toHaveLength(2);
    expect(await db.auditEvent.count({ where: { targetId: crew[0]!.id, action: "group.created" } })).toBe(1);
    const summaries = await Promise.all(runs.map(summaryOf));
    expect(summaries.map(({ summary }) => summary.groupsCreated).sort()).toEqual([0, 1]);
  }, 30_000);

  it("without the option, the app's groups change nothing in the directory", async () => {
    const runId = await makeRun([inGroups(newcomer("fay@groups.example", "Fay"), ["Finance", "Engineering"])]);
    const before = {
      groups: await db.group.count({ where: { organizationId: context.organizationId } }),
      members: await db.groupMember.count({ where: { group: { organizationId: context.organizationId } } }),
      events: await groupEvents(),
    };

    await applyImport(runId, { filter: "NEW" }, context.actor, null);

    expect((await summaryOf(runId)).summary).toMatchObject({ created: 1, joinGroups: false, groupsCreated: 0, membershipsAdded: 0, skippedCount: 0 });
    expect({
      groups: await db.group.count({ where: { organizationId: context.organizationId } }),
      members: await db.groupMember.count({ where: { group: { organizationId: context.organizationId } } }),
      events: await groupEvents(),
    }).toEqual(before);
    expect(await groupsNamed("Finance")).toEqual([]);
  }, 30_000);
});
