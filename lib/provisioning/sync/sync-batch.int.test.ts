/**
 * "Sync now" reconciles people a hundred at a time. These tests pin down that
 * a batch does exactly what reconciling each person alone would: new people
 * created once, people already in the app linked, the rest updated or
 * deactivated, progress counted to the end; and that the shortcut it takes for
 * creates (one listing of the app instead of two lookups per person) never
 * costs a duplicate.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "../../db";
import { startSandbox, type RunningSandbox } from "../../sandbox";
import { makeActiveApp } from "../../testing/active-app";
import { makeOrganization, makePerson } from "../../testing/make-organization";
import { eventually, startWorker, type WorkerProcess } from "../../../scripts/testing/worker-process";
import { Prisma } from "../../generated/prisma/client";
import { pairsStatement as peopleStatement } from "./load";
import { syncPairs } from "./sync-pairs";
import { startSyncRun } from "./sync-runs";

let sandbox: RunningSandbox;
let worker: WorkerProcess | undefined;

beforeAll(async () => {
  vi.stubEnv("ROSTER_ALLOW_PRIVATE_TARGETS", "1");
  sandbox = await startSandbox({ quiet: true, token: "batch-token-0001" });
});
afterAll(async () => {
  await worker?.stop("SIGKILL");
  await sandbox.close();
});

type Context = Parameters<typeof makeActiveApp>[1];

async function setUp(name: string, count: number, { beforePeople }: { beforePeople?: (context: Context, appId: string) => Promise<unknown> } = {}) {
  const organizationId = (await makeOrganization(name)).id;
  const owner = await makePerson(organizationId, { role: "OWNER", email: `owner@${name.toLowerCase()}.example` });
  const context = { organizationId, actor: { id: owner.id, label: owner.email }, ip: null };
  const appId = await makeActiveApp(sandbox, context, { maxConcurrency: 8, maxRequestsPerSecond: 10_000 });
  await beforePeople?.(context, appId);
  await db.user.createMany({
    data: Array.from({ length: count }, (_, i) => ({
      organizationId,
      email: `p${i}@${name.toLowerCase()}.example`,
      firstName: "P",
      lastName: `${i}`,
      title: "Before",
    })),
  });
  const people = (await db.user.findMany({ where: { organizationId, role: null }, select: { id: true, email: true } })).sort(
    (a, b) => Number(a.email.slice(1, a.email.indexOf("@"))) - Number(b.email.slice(1, b.email.indexOf("@"))),
  );
  return { organizationId, context, appId, people };
}

async function syncToTheEnd(organizationId: string, appId: string, context: Parameters<typeof startSyncRun>[2]) {
  // Approved up front: the second run deactivates a third of the accounts, past the deletion threshold.
  const run = await startSyncRun(organizationId, appId, context, { approved: true });
  const finished = await eventually(
    async () => {
      const state = await db.syncRun.findUniqueOrThrow({ where: { id: run.id }, select: { id: true, status: true, total: true, done: true, failed: true } });
      return state.status === "COMPLETED" ? state : undefined;
    },
    { timeoutMs: 60_000, intervalMs: 200, what: "the sync run to complete" },
  );
  return finished!;
}

const remoteUser = (userName: string, extra: Record<string, unknown> = {}) => ({
  schemas: ["urn:ietf:params:scim:schemas:core:2.0:User"],
  userName,
  name: { givenName: "Already", familyName: "There" },
  emails: [{ value: userName.toLowerCase(), type: "work", primary: true }],
  active: true,
  ...extra,
});

describe("reconciling a sync run in batches", () => {
  it("creates, links, updates and deactivates a mixed run, each person once, and counts every person", async () => {
    const { organizationId, context, appId, people } = await setUp("Mixed", 250);
    worker = startWorker({ WORKER_CONCURRENCY: "4" });
    await db.assignment.createMany({ data: people.slice(0, 150).map((person) => ({ appId, userId: person.id })) });
    const first = await syncToTheEnd(organizationId, appId, context);
    expect(first).toMatchObject({ total: 150, done: 150, failed: 0 });

    // Changes written behind the directory services' back, so only the second run can pick them up.
    const ids = (from: number, to: number) => people.slice(from, to).map((person) => person.id);
    await db.user.updateMany({ where: { id: { in: ids(0, 50) } }, data: { title: "After" } });
    await db.assignment.deleteMany({ where: { appId, userId: { in: ids(50, 100) } } });
    await db.assignment.createMany({ data: ids(150, 250).map((userId) => ({ appId, userId })) });
    // The last fifty are already in the app, under their e-mail in capitals and without our externalId.
    for (const person of people.slice(200, 250)) sandbox.store.users.create(remoteUser(person.email.toUpperCase()), new Date());

    const second = await syncToTheEnd(organizationId, appId, context);
    expect(second).toMatchObject({ total: 250, done: 250, failed: 0 });

    const operations = await db.operation.findMany({ where: { appId, syncRunId: second.id }, select: { userId: true, kind: true, status: true } });
    const kindsOf = (from: number, to: number) =>
      new Set(operations.filter((operation) => ids(from, to).includes(operation.userId!)).map((operation) => `${operation.kind} ${operation.status}`));
    expect(kindsOf(0, 50)).toEqual(new Set(["UPDATE SUCCEEDED"]));
    expect(kindsOf(50, 100)).toEqual(new Set(["DEACTIVATE SUCCEEDED"]));
    expect(kindsOf(100, 150)).toEqual(new Set());
    expect(kindsOf(150, 200)).toEqual(new Set(["CREATE SUCCEEDED"]));
    expect(kindsOf(200, 250)).toEqual(new Set(["LINK SUCCEEDED", "UPDATE SUCCEEDED"]));

    const established = await db.operation.groupBy({ by: ["userId"], where: { appId, status: "SUCCEEDED", kind: { in: ["CREATE", "LINK"] } }, _count: true });
    expect(established).toHaveLength(250);
    expect(established.every((row) => row._count === 1)).toBe(true);

    const remote = sandbox.store.users.all().filter((user) => String(user.attributes.userName).toLowerCase().endsWith("@mixed.example"));
    expect(remote).toHaveLength(250);
    for (const [index, person] of people.entries()) {
      const account = sandbox.store.users.findByUserName(person.email);
      expect(account?.attributes.active).toBe(index < 50 || index >= 100);
      // Those linked (200 on) carried no externalId; their update gave them Roster's id.
      expect(account?.attributes.externalId).toBe(person.id);
      if (index < 50) expect(account?.attributes.title).toBe("After");
    }
    await worker.stop();
    worker = undefined;
  }, 120_000);

  it("creates new people with one listing of the app and one POST each, and no lookups", async () => {
    const { appId, people } = await setUp("Lean", 30);
    await db.assignment.createMany({ data: people.map((person) => ({ appId, userId: person.id })) });
    // Two of them had an account once, deleted in the app since: their rows are reused, not doubled.
    await db.account.createMany({
      data: people
        .slice(0, 2)
        .map((person) => ({ appId, userId: person.id, userLabel: person.email, remoteId: null, state: "DELETED" as const, lastError: "Gone" })),
    });
    const before = sandbox.stats.snapshot();
    const result = await syncPairs(
      appId,
      people.map((person) => person.id),
      { syncRunId: null, attempt: 1, batch: true },
    );
    const after = sandbox.stats.snapshot();
    expect(result.busy).toEqual([]);
    expect(result.outcomes.filter((outcome) => outcome.failed || outcome.retry)).toEqual([]);
    expect((after.byMethod.POST ?? 0) - (before.byMethod.POST ?? 0)).toBe(30);
    // The listing may take more than one page when other tests left users behind, but never one GET per person.
    expect((after.byMethod.GET ?? 0) - (before.byMethod.GET ?? 0)).toBeLessThan(5);
    expect(await db.account.count({ where: { appId, state: "ACTIVE", remoteId: { not: null }, lastError: null } })).toBe(30);
    expect(await db.account.count({ where: { appId } })).toBe(30);
    const logged = await db.operation.findMany({ where: { appId }, select: { kind: true, status: true, httpStatus: true, changes: true, userLabel: true } });
    expect(logged).toHaveLength(30);
    expect(logged[0]).toMatchObject({
      kind: "CREATE",
      status: "SUCCEEDED",
      httpStatus: 201,
      userLabel: expect.stringContaining("@lean.example"),
      changes: expect.objectContaining({ userName: { from: null, to: expect.stringContaining("@lean.example") } }),
    });
  });

  it("a retried batch trusts no listing: it finds what its killed first attempt created and takes it up as the create it was", async () => {
    const { appId, people } = await setUp("Retried", 12);
    await db.assignment.createMany({ data: people.map((person) => ({ appId, userId: person.id })) });
    // What a killed first attempt leaves: the app has the accounts, Roster has no record of them.
    for (const person of people) sandbox.store.users.create(remoteUser(person.email, { externalId: person.id }), new Date());
    const postsBefore = sandbox.stats.snapshot().byMethod.POST ?? 0;

    const result = await syncPairs(
      appId,
      people.map((person) => person.id),
      { syncRunId: null, attempt: 2, batch: true },
    );
    expect(result.outcomes.filter((outcome) => outcome.failed || outcome.retry)).toEqual([]);
    expect(sandbox.stats.snapshot().byMethod.POST ?? 0).toBe(postsBefore);
    // The accounts carry Roster's id: Roster created them, so the log says CREATE (LINK is for accounts that existed before).
    const logged = await db.operation.findMany({ where: { appId, kind: { in: ["CREATE", "LINK"] } }, select: { kind: true, status: true, message: true } });
    expect(logged).toHaveLength(12);
    for (const row of logged) expect(row).toMatchObject({ kind: "CREATE", status: "SUCCEEDED", message: expect.stringMatching(/Roster created earlier/) });
  });

  it("hands a person whose create failed to their own job, which the run waits for", async () => {
    const { organizationId, context, appId, people } = await setUp("Handoff", 6);
    await db.assignment.createMany({ data: people.map((person) => ({ appId, userId: person.id })) });
    const run = await startSyncRun(organizationId, appId, context);
    // Every POST fails: 500 (which may have created the account, so the client does not repeat it) or 503 asking to come
    // back in two minutes (longer than the client waits itself). Listings work.
    sandbox.faults.set({ serverErrorRate: 1, retryAfterSeconds: 120, methods: ["POST"], seed: 3 });
    try {
      const result = await syncPairs(
        appId,
        people.map((person) => person.id),
        { syncRunId: run.id, attempt: 1, batch: true },
      );
      expect(result.outcomes.filter((outcome) => outcome.retry === null)).toEqual([]);
      expect(new Set(result.outcomes.map((outcome) => outcome.userId))).toEqual(new Set(people.map((person) => person.id)));
      // Every POST is in the log, each failed one with its status.
      const posts = await db.operation.findMany({ where: { appId, kind: "CREATE" }, select: { status: true, httpStatus: true } });
      expect(posts.length).toBeGreaterThanOrEqual(6);
      expect(posts.every((row) => row.status === "FAILED" && (row.httpStatus === 500 || row.httpStatus === 503))).toBe(true);
    } finally {
      sandbox.faults.set({});
    }
    const handedOff = await db.$queryRaw<{ user_id: string; sync_run_id: string; later: boolean }[]>`
      SELECT jobs.payload->>'userId' AS user_id, jobs.payload->>'syncRunId' AS sync_run_id, jobs.run_at > now() + interval '1 minute' AS later
      FROM graphile_worker._private_jobs AS jobs JOIN graphile_worker._private_tasks AS tasks ON tasks.id = jobs.task_id
      WHERE tasks.identifier = 'reconcile'`;
    expect(new Set(handedOff.filter((job) => job.sync_run_id === run.id).map((job) => job.user_id))).toEqual(new Set(people.map((person) => person.id)));
    expect(await db.account.count({ where: { appId } })).toBe(0);
    // A 503's Retry-After postpones that person's job; a 500's runs at once.
    expect(new Set(handedOff.map((job) => job.later))).toEqual(new Set([true, false]));

    // The worker runs the queued batch (nothing left to do for these six: they are handed off, so it creates them,
    // or their own jobs do); either way each person ends with one account and the run completes.
    worker = startWorker({ WORKER_CONCURRENCY: "4" });
    const finished = await eventually(
      async () => {
        const state = await db.syncRun.findUniqueOrThrow({ where: { id: run.id }, select: { status: true, done: true, total: true } });
        return state.status === "COMPLETED" ? state : undefined;
      },
      { timeoutMs: 60_000, intervalMs: 200, what: "the run to complete" },
    );
    expect(finished?.total).toBe(6);
    for (const person of people) expect(sandbox.store.users.findByUserName(person.email)?.attributes.externalId).toBe(person.id);
    expect(await db.account.count({ where: { appId, state: "ACTIVE", remoteId: { not: null } } })).toBe(6);
    await worker.stop();
    worker = undefined;
  }, 90_000);

  it("reads a batch's people one index probe each, whatever the tables' statistics say", async () => {
    // A first sync's tables grow faster than PostgreSQL's statistics follow: statistics taken before the
    // organisation's people, assignments and accounts arrive are what a first sync is planned with. Planned from
    // them, a join hashed every user of the organisation and every account of the app for each batch, and a
    // lookup that an index led by organization_id or (app_id, state) could serve read them all for each person.
    const statisticsBeforeTheSync = async (context: Context, appId: string) => {
      // Other apps with accounts, so the statistics know the apps there are, and not this one.
      const others = [await makeActiveApp(sandbox, context), await makeActiveApp(sandbox, context)];
      await db.account.createMany({
        data: others.flatMap((other, index) =>
          Array.from({ length: 200 }, (_, i) => ({ appId: other, userId: randomUUID(), userLabel: `other ${index}.${i}`, state: "ACTIVE" as const })),
        ),
      });
      expect(await db.account.count({ where: { appId } })).toBe(0);
      await db.$executeRaw`ANALYZE users, accounts, assignments`;
    };
    const { organizationId, appId, people } = await setUp("Probes", 2_000, { beforePeople: statisticsBeforeTheSync });
    await db.assignment.createMany({ data: people.map((person) => ({ appId, userId: person.id })) });
    await db.account.createMany({
      data: people
        .slice(0, 1_500)
        .map((person) => ({ appId, userId: person.id, userLabel: person.email, remoteId: `r-${person.id}`, state: "ACTIVE" as const })),
    });

    const batch = people.slice(1_400, 1_650).map((person) => person.id);
    const explained = await db.$queryRaw<{ "QUERY PLAN": { Plan: Record<string, unknown> }[] }[]>(
      Prisma.sql`EXPLAIN (FORMAT JSON) ${peopleStatement(appId, organizationId, batch)}`,
    );
    const scans: { relation: string; type: string; condition: string }[] = [];
    const walk = (node: Record<string, unknown>) => {
      if (typeof node["Relation Name"] === "string")
        scans.push({ relation: node["Relation Name"], type: String(node["Node Type"]), condition: String(node["Index Cond"] ?? node["Recheck Cond"] ?? "") });
      for (const child of (node.Plans as Record<string, unknown>[] | undefined) ?? []) walk(child);
    };
    walk(explained[0]!["QUERY PLAN"][0]!.Plan);

    expect(scans.map((scan) => scan.relation).sort()).toEqual(["accounts", "assignments", "group_assignments", "group_members", "users"]);
    for (const scan of scans) {
      // (A bitmap scan is an index probe too, read in the heap's order.)
      expect(scan.type, `${scan.relation} is read with ${scan.type}`).toMatch(/^(Index (Only )?Scan|Bitmap Heap Scan)$/);
      // A person's groups are probed by the person; the app's few group assignments by the app.
      expect(scan.condition, `${scan.relation}'s index condition`).toContain(scan.relation === "group_assignments" ? "app_id" : "ids.id");
    }

    // And it reads what planning needs, in the batch's order.
    const rows = await db.$queryRaw<{ userId: string; found: boolean; assigned: boolean; remoteId: string | null }[]>(
      peopleStatement(appId, organizationId, batch),
    );
    expect(rows.map((row) => row.userId)).toEqual(batch);
    expect(rows.every((row) => row.found && row.assigned)).toBe(true);
    expect(rows.filter((row) => row.remoteId !== null)).toHaveLength(100);
  });
  it("lets go of the people it has nothing to send for before its requests: an edit to one of them meanwhile is not kept waiting", async () => {
    const { appId, people } = await setUp("Idle", 2);
    const [settled, fresh] = [people[0]!, people[1]!];
    await db.assignment.create({ data: { appId, userId: settled.id } });
    expect((await syncPairs(appId, [settled.id])).outcomes[0]?.changed).toBe(true);
    await db.assignment.create({ data: { appId, userId: fresh.id } });

    const delayedBefore = sandbox.stats.snapshot().faults.delayed ?? 0;
    sandbox.faults.set({ latencyMs: 3_000 });
    try {
      let batchEnded = false;
      const batch = syncPairs(appId, [settled.id, fresh.id]).finally(() => (batchEnded = true));
      // The batch's first request for the new person has reached the app, which takes 3 s to answer it.
      await eventually(async () => (sandbox.stats.snapshot().faults.delayed ?? 0) > delayedBefore, { intervalMs: 20, what: "the batch's first request" });
      const alone = await syncPairs(appId, [settled.id]);
      expect(alone.busy).toEqual([]);
      expect(batchEnded).toBe(false);
      const { outcomes, busy } = await batch;
      expect(busy).toEqual([]);
      expect(outcomes.map((outcome) => [outcome.userId, outcome.changed])).toEqual([
        [settled.id, false],
        [fresh.id, true],
      ]);
    } finally {
      sandbox.faults.set({});
    }
  });
});
