import pg from "pg";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "../../db";
import { userInput } from "../../directory/schemas/user";
import { createUser, updateUser } from "../../directory/users/save-user";
import { startSandbox, type RunningSandbox } from "../../sandbox";
import { makeActiveApp } from "../../testing/active-app";
import { makeOrganization, makePerson } from "../../testing/make-organization";
import { dryRunAppSync } from "../sync/dry-run";
import { provisionUserNow } from "../sync/provision-now";
import { reconcileUser, syncPairs } from "./sync-pairs";

/**
 * The engine is one path: a person reconciled alone (a directory edit's job), in a Sync now batch, by
 * Provision now, or previewed by Dry run ends with the same log rows and the same account; and none
 * of these keeps a database transaction open while the app is answering.
 */

let sandbox: RunningSandbox;
let context: { organizationId: string; actor: { id: string; label: string }; ip: null; actorRole: string };
let appId: string;

beforeAll(async () => {
  vi.stubEnv("ROSTER_ALLOW_PRIVATE_TARGETS", "1");
  sandbox = await startSandbox({ quiet: true, token: "one-engine-token-0001" });
  const organizationId = (await makeOrganization("Oneway")).id;
  const owner = await makePerson(organizationId, { role: "OWNER", email: "owner@oneway.example" });
  context = { organizationId, actor: { id: owner.id, label: owner.email }, ip: null, actorRole: "OWNER" };
  appId = await makeActiveApp(sandbox, context);
});

afterAll(async () => {
  sandbox.faults.set({});
  await sandbox?.close();
});

async function person(email: string) {
  const { id } = await createUser(userInput.parse({ email, firstName: "Robin", lastName: "Vale", title: "Analyst", department: "Finance" }), context);
  return id;
}

describe("one sync engine", () => {
  it("leaves no transaction of Roster's open while the app takes 5 s to answer", { timeout: 90_000 }, async () => {
    const ids = await Promise.all(["hold.one", "hold.two", "hold.three", "hold.four"].map((name) => person(`${name}@oneway.example`)));
    await db.assignment.createMany({ data: ids.map((userId) => ({ appId, userId })) });

    // Every request to the app is held for 5 s before its answer.
    sandbox.faults.set({ latencyMs: 5_000 });
    const observer = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await observer.connect();
    const samples: { pid: number; ageMs: number; state: string; query: string }[] = [];
    let sampling = true;
    const requestsBefore = sandbox.stats.snapshot().total;
    const watch = (async () => {
      while (sampling) {
        // Every client session of this test's own database but the observer's (the engine's pool, its lock connection)
        // that is inside a transaction: running a statement, or idle between the statements of a transaction.
        const { rows } = await observer.query<{ pid: number; age_ms: number; state: string; query: string }>(
          `SELECT pid, (extract(epoch FROM clock_timestamp() - xact_start) * 1000)::int AS age_ms, state, left(query, 160) AS query
           FROM pg_stat_activity
           WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_type = 'client backend'
             AND xact_start IS NOT NULL AND state IN ('active', 'idle in transaction', 'idle in transaction (aborted)')`,
        );
        samples.push(...rows.map((row) => ({ pid: row.pid, ageMs: row.age_ms, state: row.state, query: row.query })));
        await new Promise((resolve) => setImmediate(resolve));
      }
    })();
    try {
      const started = Date.now();
      const [single, batch, now] = await Promise.all([
        reconcileUser(appId, ids[0]!),
        syncPairs(appId, [ids[1]!, ids[2]!], { batch: true }),
        provisionUserNow(appId, ids[3]!, context),
      ]);
      // Each of them waited at least one held answer (lookups, a listing, a POST): the sampling ran while requests were in flight.
      expect(Date.now() - started).toBeGreaterThanOrEqual(5_000);
      expect(sandbox.stats.snapshot().total - requestsBefore).toBeGreaterThanOrEqual(4);
      expect(single.retry).toBeNull();
      expect(batch.outcomes.map((outcome) => outcome.failed || outcome.retry !== null)).toEqual([false, false]);
      expect(now.retrying).toBe(false);
    } finally {
      sampling = false;
      await watch;
      await observer.end();
      sandbox.faults.set({});
    }
    // Short transactions (a load, a record) may be caught in passing; none lasts anywhere near a held answer.
    const longest = samples.reduce((max, sample) => (sample.ageMs > max.ageMs ? sample : max), { pid: 0, ageMs: 0, state: "", query: "" });
    expect(longest.ageMs, `a transaction open ${longest.ageMs} ms (${longest.state}): ${longest.query}`).toBeLessThan(1_500);
    expect(await db.account.count({ where: { appId, userId: { in: ids }, state: "ACTIVE", remoteId: { not: null } } })).toBe(4);
  });

  it("gives a person the same rows alone, in a batch, by Provision now and in Dry run's preview", { timeout: 60_000 }, async () => {
    const ways = ["alone", "batch", "now"] as const;
    const ids = Object.fromEntries(await Promise.all(ways.map(async (way) => [way, await person(`same.${way}@oneway.example`)] as const))) as Record<
      (typeof ways)[number],
      string
    >;
    const run = async (way: (typeof ways)[number]) => {
      if (way === "alone") await reconcileUser(appId, ids.alone);
      if (way === "batch") await syncPairs(appId, [ids.batch], { batch: true });
      if (way === "now") await provisionUserNow(appId, ids.now, context);
    };
    /** Each person's rows since `since`, with their own e-mail and ids taken out. */
    const rowsOf = async (way: (typeof ways)[number], since: Date) => {
      const email = `same.${way}@oneway.example`;
      const rows = await db.operation.findMany({
        where: { appId, userId: ids[way], createdAt: { gte: since } },
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
        select: { kind: true, status: true, httpStatus: true, message: true, changes: true, errorKind: true, userLabel: true, attempt: true },
      });
      return JSON.parse(JSON.stringify(rows).replaceAll(email, "<email>")) as typeof rows;
    };
    const accountOf = async (way: (typeof ways)[number]) => {
      const account = await db.account.findUniqueOrThrow({
        where: { appId_userId: { appId, userId: ids[way] } },
        select: { state: true, pushedValues: true, lastError: true, userLabel: true, remoteUserName: true },
      });
      return JSON.parse(JSON.stringify(account).replaceAll(`same.${way}@oneway.example`, "<email>")) as typeof account;
    };
    /** Dry run's preview of a person, in the log's terms. */
    const previewOf = async (way: (typeof ways)[number]) => {
      const report = await dryRunAppSync(context.organizationId, appId);
      const change = report.changes.find((candidate) => candidate.userId === ids[way]);
      return JSON.parse(JSON.stringify(change?.operations ?? []).replaceAll(`same.${way}@oneway.example`, "<email>")) as unknown;
    };

    const steps: { name: string; change: () => Promise<unknown> }[] = [
      { name: "assign (create)", change: () => db.assignment.createMany({ data: ways.map((way) => ({ appId, userId: ids[way] })) }) },
      {
        name: "edit (update)",
        change: () =>
          Promise.all(
            ways.map((way) =>
              updateUser(
                ids[way],
                userInput.parse({ email: `same.${way}@oneway.example`, firstName: "Robin", lastName: "Vale", title: "Lead analyst", department: "Finance" }),
                context,
              ),
            ),
          ),
      },
      { name: "unassign (deactivate)", change: () => db.assignment.deleteMany({ where: { appId, userId: { in: Object.values(ids) } } }) },
    ];
    for (const step of steps) {
      await step.change();
      const previews = await Promise.all(ways.map(previewOf));
      expect(previews[1], `${step.name}: Dry run previews the same for every way`).toEqual(previews[0]);
      expect(previews[2], `${step.name}: Dry run previews the same for every way`).toEqual(previews[0]);

      const since = new Date(Date.now() - 1);
      for (const way of ways) await run(way);
      const rows = await Promise.all(ways.map((way) => rowsOf(way, since)));
      expect(rows[0]!.length, `${step.name}: rows`).toBeGreaterThan(0);
      expect(rows[1], `${step.name}: a batch writes what a single reconcile writes`).toEqual(rows[0]);
      expect(rows[2], `${step.name}: Provision now writes what a single reconcile writes`).toEqual(rows[0]);
      // What Dry run previewed is what was done: the same kinds, with the same changes.
      const previewed = (previews[0] as { kind: string }[]).map((operation) => operation.kind);
      expect(
        rows[0]!.map((row) => row.kind),
        `${step.name}: Dry run previewed what was sent`,
      ).toEqual(previewed);
      const accounts = await Promise.all(ways.map(accountOf));
      expect(accounts[1]).toEqual(accounts[0]);
      expect(accounts[2]).toEqual(accounts[0]);
    }
  });
});

describe("Roster's id on accounts it did not create", () => {
  it("a linked account gets Roster's id as its externalId right after the link", async () => {
    const existing = sandbox.store.users.create(
      { userName: "linked.before@oneway.example", emails: [{ value: "linked.before@oneway.example", primary: true }], active: true },
      new Date(),
    );
    expect(existing.attributes.externalId).toBeUndefined();
    const id = await person("linked.before@oneway.example");
    await db.assignment.create({ data: { appId, userId: id } });
    await reconcileUser(appId, id);
    const rows = await db.operation.findMany({
      where: { appId, userId: id },
      orderBy: { createdAt: "asc" },
      select: { kind: true, status: true, changes: true },
    });
    expect(rows.map((row) => `${row.kind}:${row.status}`)).toEqual(["LINK:SUCCEEDED", "UPDATE:SUCCEEDED"]);
    expect(rows[1]!.changes).toMatchObject({ externalId: { from: null, to: id } });
    expect(sandbox.store.users.get(existing.id)?.attributes.externalId).toBe(id);
    expect(await db.account.findUnique({ where: { appId_userId: { appId, userId: id } }, select: { remoteExternalId: true } })).toEqual({
      remoteExternalId: id,
    });
    // Nothing more to send after that.
    const again = await reconcileUser(appId, id);
    expect(again.changed).toBe(false);
  });
});

describe("every attempt is logged", () => {
  it("a PATCH the app fails again and again has one row per request, each with its status and time", { timeout: 60_000 }, async () => {
    const id = await person("every.attempt@oneway.example");
    await db.assignment.create({ data: { appId, userId: id } });
    await reconcileUser(appId, id);
    await updateUser(
      id,
      userInput.parse({ email: "every.attempt@oneway.example", firstName: "Robin", lastName: "Vale", title: "Head", department: "Finance" }),
      context,
    );

    const patchesBefore = sandbox.stats.snapshot().byMethod.PATCH ?? 0;
    const since = new Date();
    sandbox.faults.set({ serverErrorRate: 1, retryAfterSeconds: 0, methods: ["PATCH"] });
    let result: Awaited<ReturnType<typeof reconcileUser>>;
    try {
      result = await reconcileUser(appId, id);
    } finally {
      sandbox.faults.set({});
    }
    const patches = (sandbox.stats.snapshot().byMethod.PATCH ?? 0) - patchesBefore;
    expect(patches).toBeGreaterThan(1);
    expect(result.retry).not.toBeNull();
    const rows = await db.operation.findMany({
      where: { appId, userId: id, createdAt: { gte: since } },
      orderBy: { createdAt: "asc" },
      select: { kind: true, status: true, httpStatus: true, errorKind: true, message: true, durationMs: true },
    });
    // One row for each PATCH the app saw: the client's retry, then the last attempt (after which a GET found the
    // account still there), which the job retries later.
    expect(rows).toHaveLength(patches);
    for (const row of rows) expect(row).toMatchObject({ kind: "UPDATE", status: "FAILED", httpStatus: expect.toBeOneOf([500, 503]), errorKind: "transient" });
    expect(rows[0]!.message).toMatch(new RegExp(`^Attempt 1 of ${patches} \\(PATCH /Users/[^)]+\\) failed: `));
    expect(rows.at(-1)!.message).toMatch(/Roster will try again\.$/);
    for (const row of rows) expect(row.durationMs).toBeGreaterThanOrEqual(0);
  });
});
