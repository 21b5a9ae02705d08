/**
 * An app that says it has 50,000,000 users and gives them one per page. The
 * listings that read every user (the Sync now snapshot, in the worker, and the
 * import fetch) must end with a plain error recorded, after a handful of
 * requests, with the worker's memory where it was: not one request per claimed
 * page built up front (the worker ran out of heap in 11 s), nor fifty million
 * requests one after the other.
 */
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "../../db";
import { pagingOf, sendJson, startFakeServer, type FakeServer } from "../../scim/testing/fake-scim-server";
import { makeActiveApp } from "../../testing/active-app";
import { makeOrganization, makePerson } from "../../testing/make-organization";
import { eventually, startWorker, type WorkerProcess } from "../../../scripts/testing/worker-process";
import { startImport } from "../import-runs/start-import";
import { startSyncRun } from "./sync-runs";

const CLAIMED = 50_000_000;
const PLAIN_ERROR = "The app says it has 50,000,000 users, more than Roster will list (1,000,000). Check the Sync endpoint.";
const MAX_RSS_BYTES = 400 * 1024 * 1024;
/** Far more pages than a refused listing needs, far fewer than the lie asks for. */
const PAGES_BOUND = 100;

let hostile: FakeServer;
let worker: WorkerProcess | undefined;
let context: { organizationId: string; actor: { id: string; label: string }; ip: null };
let appId: string;

/** Lists one user per page and claims fifty million; accepts creates, so that nothing but the listing can fail. */
async function startLyingServer() {
  return startFakeServer((request, response) => {
    const path = new URL(request.url, "http://hostile").pathname;
    if (request.method === "GET" && path.endsWith("/Users")) {
      const { startIndex } = pagingOf(request.url);
      return sendJson(response, 200, {
        schemas: ["urn:ietf:params:scim:api:messages:2.0:ListResponse"],
        totalResults: CLAIMED,
        itemsPerPage: 1,
        startIndex,
        Resources: [{ id: `liar-${startIndex}`, userName: `liar${startIndex}@hostile.example`, active: true }],
      });
    }
    if (request.method === "POST" && path.endsWith("/Users")) {
      const { userName } = JSON.parse(request.body) as { userName: string };
      return sendJson(response, 201, { schemas: ["urn:ietf:params:scim:schemas:core:2.0:User"], id: randomUUID(), userName, active: true });
    }
    return sendJson(response, 404, { schemas: ["urn:ietf:params:scim:api:messages:2.0:Error"], status: "404", detail: "Not found" });
  });
}

const listings = () =>
  hostile.requests.filter((request) => request.method === "GET" && new URL(request.url, "http://hostile").pathname.endsWith("/Users")).length;

/** The worker process's resident memory, from the kernel. */
function residentBytes(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, "utf8").match(/^VmRSS:\s+(\d+) kB$/m);
  return Number(line?.[1] ?? 0) * 1024;
}

/**
 * Waits for `check` while watching the worker: fails at once if it dies, grows past MAX_RSS_BYTES, or the app is
 * asked for more than PAGES_BOUND pages. Returns what `check` returned and the highest memory seen.
 */
async function watchWorker<T>(running: WorkerProcess, check: () => Promise<T | undefined>, what: string) {
  let peak = 0;
  const before = listings();
  const result = await eventually(
    async () => {
      if (running.child.exitCode !== null || running.child.signalCode !== null)
        throw new Error(`The worker died (${running.child.exitCode ?? running.child.signalCode}):\n${running.output().slice(-2000)}`);
      peak = Math.max(peak, residentBytes(running.child.pid!));
      if (peak > MAX_RSS_BYTES) throw new Error(`The worker's memory grew to ${Math.round(peak / 1024 / 1024)} MB.`);
      if (listings() - before > PAGES_BOUND) throw new Error(`The app was asked for ${listings() - before} pages of users.`);
      return check();
    },
    { timeoutMs: 60_000, intervalMs: 100, what },
  );
  return { result: result!, peak };
}

beforeAll(async () => {
  vi.stubEnv("ROSTER_ALLOW_PRIVATE_TARGETS", "1");
  hostile = await startLyingServer();
  const organizationId = (await makeOrganization("Liars")).id;
  const owner = await makePerson(organizationId, { role: "OWNER", email: "owner@liars.example" });
  context = { organizationId, actor: { id: owner.id, label: owner.email }, ip: null };
  appId = await makeActiveApp({ baseUrl: hostile.baseUrl, token: "hostile-token-0001" }, context, { maxConcurrency: 8, maxRequestsPerSecond: 10_000 });
  await db.user.createMany({ data: Array.from({ length: 5 }, (_, i) => ({ organizationId, email: `p${i}@liars.example`, firstName: "P", lastName: `${i}` })) });
  const people = await db.user.findMany({ where: { organizationId, role: null }, select: { id: true } });
  await db.assignment.createMany({ data: people.map((person) => ({ appId, userId: person.id })) });
});

afterEach(async () => {
  await worker?.stop("SIGKILL");
  worker = undefined;
});
afterAll(async () => {
  await hostile?.close();
});

describe("an app that claims 50,000,000 users, one per page", () => {
  it("Sync now ends with every create failed for that plain reason, the worker's memory bounded and the app asked a few times", async () => {
    const run = await startSyncRun(context.organizationId, appId, context);
    const before = listings();
    worker = startWorker({ WORKER_CONCURRENCY: "2" });
    const { result: finished, peak } = await watchWorker(
      worker,
      async () => {
        const state = await db.syncRun.findUniqueOrThrow({ where: { id: run.id }, select: { status: true, total: true, done: true, failed: true } });
        return state.status === "COMPLETED" ? state : undefined;
      },
      "the sync run to complete",
    );
    expect(finished).toEqual({ status: "COMPLETED", total: 5, done: 5, failed: 5 });
    const logged = await db.operation.findMany({ where: { appId, syncRunId: run.id }, select: { kind: true, status: true, message: true } });
    expect(logged).toEqual(Array.from({ length: 5 }, () => ({ kind: "CREATE", status: "FAILED", message: PLAIN_ERROR })));
    expect(hostile.requests.filter((request) => request.method === "POST")).toHaveLength(0);
    expect(listings() - before).toBeLessThanOrEqual(2);
    expect(peak).toBeLessThan(MAX_RSS_BYTES);
  }, 90_000);

  it("the import fetch ends FAILED with that plain reason, the worker's memory bounded and the app asked a few times", async () => {
    const before = listings();
    const { id } = await startImport(context.organizationId, appId, context);
    worker = startWorker({ WORKER_CONCURRENCY: "2" });
    const { result: failed, peak } = await watchWorker(
      worker,
      async () => {
        const state = await db.importRun.findUniqueOrThrow({ where: { id }, select: { status: true, error: true } });
        return state.status === "FETCHING" ? undefined : state;
      },
      "the import fetch to end",
    );
    expect(failed).toEqual({ status: "FAILED", error: PLAIN_ERROR });
    expect(listings() - before).toBeLessThanOrEqual(3);
    expect(peak).toBeLessThan(MAX_RSS_BYTES);
  }, 90_000);
});
