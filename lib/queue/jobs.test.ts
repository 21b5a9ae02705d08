/**
 * Each app's jobs go to the app's own named queues, so that one app can hold only its own share of
 * the worker: a person always in the same lane, a run's batches in two, an app's imports in one.
 */
import { randomUUID } from "node:crypto";
import { afterEach, describe, expect, it, vi } from "vitest";
import { jobs, laneOf, RUN_LANES } from "./jobs";

const appId = "6f1c2d3e-4b5a-4c7d-8e9f-0a1b2c3d4e5f";
const people = Array.from({ length: 300 }, () => randomUUID());

afterEach(() => vi.unstubAllEnvs());

describe("laneOf", () => {
  it("gives the same id the same lane every time, in every process: FNV-1a, checked against its published values", () => {
    // FNV-1a 32-bit of "", "a" and "foobar" are 0x811c9dc5, 0xe40c292c and 0xbf9cf968.
    expect([laneOf("", 1_000_003), laneOf("a", 1_000_003), laneOf("foobar", 1_000_003)]).toEqual([
      0x811c9dc5 % 1_000_003,
      0xe40c292c % 1_000_003,
      0xbf9cf968 % 1_000_003,
    ]);
    expect(laneOf(appId, 1)).toBe(0);
  });

  it("spreads people over every lane, none with most of them", () => {
    const counts = [0, 0, 0];
    for (const id of people) counts[laneOf(id, 3)]! += 1;
    expect(counts.every((count) => count > 60)).toBe(true);
  });
});

describe("the queues of the job contracts", () => {
  it("put a person's reconciles of an app always in one of WORKER_APP_LANES lanes of that app (3 unless set)", () => {
    const lanes = new Set(people.map((userId) => jobs.reconcile.queue!({ appId, userId })));
    expect([...lanes].sort()).toEqual([`app:${appId}:lane:0`, `app:${appId}:lane:1`, `app:${appId}:lane:2`]);
    const [userId] = people;
    expect(jobs.reconcile.queue!({ appId, userId: userId!, syncRunId: randomUUID(), deferrals: 4 })).toBe(jobs.reconcile.queue!({ appId, userId: userId! }));

    vi.stubEnv("WORKER_APP_LANES", "5");
    expect(new Set(people.map((userId) => jobs.reconcile.queue!({ appId, userId }))).size).toBe(5);
    vi.stubEnv("WORKER_APP_LANES", "0");
    expect(() => jobs.reconcile.queue!({ appId, userId: userId! })).toThrow(/WORKER_APP_LANES/);
  });

  it("put a run's batches in the app's two run lanes, by the batch's first person", () => {
    const syncRunId = randomUUID();
    const queues = people.map((userId) => jobs.reconcileBatch.queue!({ appId, syncRunId, userIds: [userId, randomUUID()] }));
    expect(new Set(queues)).toEqual(new Set(Array.from({ length: RUN_LANES }, (_, lane) => `app:${appId}:run:${lane}`)));
    expect(jobs.reconcileBatch.queue!({ appId, syncRunId, userIds: [people[0]!] })).toBe(queues[0]);
  });

  it("put an app's import fetches in the app's one import queue, and an old payload without the app in none", () => {
    expect(jobs.importFetch.queue!({ runId: randomUUID(), appId })).toBe(`app:${appId}:import`);
    expect(jobs.importFetch.queue!({ runId: randomUUID() })).toBeUndefined();
  });

  it("keep every queue name within graphile-worker's 128 characters", () => {
    vi.stubEnv("WORKER_APP_LANES", "64");
    const longest = Math.max(
      ...people.map((userId) => jobs.reconcile.queue!({ appId, userId })!.length),
      jobs.reconcileBatch.queue!({ appId, syncRunId: appId, userIds: [appId] })!.length,
      jobs.importFetch.queue!({ runId: appId, appId })!.length,
    );
    expect(longest).toBeLessThanOrEqual(128);
  });
});
