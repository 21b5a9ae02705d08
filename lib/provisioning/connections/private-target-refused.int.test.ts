import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "../../db";
import { startSandbox, type RunningSandbox } from "../../sandbox";
import { makeActiveApp } from "../../testing/active-app";
import { makeOrganization, makePerson } from "../../testing/make-organization";
import { eventually, startWorker, type WorkerProcess } from "../../../scripts/testing/worker-process";
import { startImport } from "../import-runs/start-import";
import { getLatestImportRun } from "../import-runs/list-candidates";
import { dryRunAppSync } from "../sync/dry-run";
import { provisionUserNow } from "../sync/provision-now";
import { startSyncRun } from "../sync/sync-runs";

/**
 * An app set up against the sandbox on 127.0.0.1 while private targets were
 * allowed; then they are not (no blanket switch, empty allow-list). Every way
 * a SCIM request leaves Roster must refuse, and the sandbox must see nothing.
 */
let sandbox: RunningSandbox;
let worker: WorkerProcess | undefined;
let appId: string;
let context: { organizationId: string; actor: { id: string; label: string }; ip: null };
let people: { id: string }[];

const REFUSED = /^Roster does not send SCIM tokens to 127\.0\.0\.1, because it is this machine \(loopback\)\. Use the app's public SCIM base URL\./;

beforeAll(async () => {
  vi.stubEnv("ROSTER_ALLOW_PRIVATE_TARGETS", "1");
  sandbox = await startSandbox({ quiet: true, token: "refused-token-1" });
  const organizationId = (await makeOrganization("Halden")).id;
  const owner = await makePerson(organizationId, { role: "OWNER", email: "owner@halden.example" });
  context = { organizationId, actor: { id: owner.id, label: owner.email }, ip: null };
  appId = await makeActiveApp(sandbox, context);
  people = await Promise.all([
    makePerson(organizationId, { email: "ines.moreau@halden.example" }),
    makePerson(organizationId, { email: "sam.ortiz@halden.example" }),
  ]);
  // Assigned without reconcile jobs, so nothing runs before the test asks it to.
  await db.assignment.createMany({ data: people.map((person) => ({ appId, userId: person.id })) });

  vi.stubEnv("ROSTER_ALLOW_PRIVATE_TARGETS", "0");
  vi.stubEnv("ROSTER_ALLOWED_PRIVATE_TARGETS", "");
  sandbox.stats.reset();
}, 60_000);

afterAll(async () => {
  await worker?.stop();
  await sandbox?.close();
});

describe("with private targets disallowed, an app on 127.0.0.1", () => {
  it("the dry run says the sync would be refused, and sends nothing", async () => {
    await expect(dryRunAppSync(context.organizationId, appId)).rejects.toMatchObject({
      code: "invalid_input",
      message: expect.stringMatching(/^Sync would send nothing: Roster does not send SCIM tokens to 127\.0\.0\.1/),
    });
    expect(sandbox.stats.snapshot().total).toBe(0);
  });

  it("Provision now refuses with the reason, once, without retrying", async () => {
    const result = await provisionUserNow(appId, people[0]!.id, context);
    expect(result.retrying).toBe(false);
    expect(result.steps.at(-1)).toMatchObject({ step: "Sent", outcome: "failed", detail: expect.stringMatching(REFUSED) });
    expect(sandbox.stats.snapshot().total).toBe(0);
    await db.operation.deleteMany({ where: { appId } });
  });

  it("the worker's sync logs each person FAILED with the reason, with no retries, and the import fetch fails with it", async () => {
    worker = startWorker({ ROSTER_ALLOW_PRIVATE_TARGETS: "0", ROSTER_ALLOWED_PRIVATE_TARGETS: "" });
    await startSyncRun(context.organizationId, appId, context);
    const operations = await eventually(
      async () => {
        const rows = await db.operation.findMany({ where: { appId }, select: { userId: true, status: true, message: true, attempt: true } });
        return rows.length >= people.length ? rows : undefined;
      },
      { timeoutMs: 30_000, what: "an operation for each person" },
    );
    await eventually(async () => (await db.$queryRaw<{ count: bigint }[]>`SELECT count(*) FROM graphile_worker._private_jobs`)[0]!.count === 0n, {
      timeoutMs: 30_000,
      what: "the queue to be empty",
    });
    const after = await db.operation.findMany({ where: { appId }, select: { userId: true, status: true, message: true, attempt: true } });
    expect(after).toHaveLength(people.length);
    expect(new Set(after.map((row) => row.userId))).toEqual(new Set(people.map((person) => person.id)));
    for (const row of [...operations!, ...after]) expect(row).toMatchObject({ status: "FAILED", message: expect.stringMatching(REFUSED), attempt: 1 });
    expect(sandbox.stats.snapshot().total).toBe(0);

    const { id: runId } = await startImport(context.organizationId, appId, context);
    const run = await eventually(
      async () => {
        const latest = await getLatestImportRun(context.organizationId, appId);
        return latest?.id === runId && latest.status === "FAILED" ? latest : undefined;
      },
      { timeoutMs: 30_000, what: "the import fetch to fail" },
    );
    expect(run!.error).toMatch(REFUSED);
    expect(sandbox.stats.snapshot().total).toBe(0);
  });
});
