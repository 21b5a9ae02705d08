import { describe, expect, it } from "vitest";
import { FaultInjector } from "./fault-injector.ts";

const draw = (injector: FaultInjector, times: number) => Array.from({ length: times }, () => injector.next());
const kinds = (injector: FaultInjector, times: number) =>
  draw(injector, times).map(({ outcome }) => (outcome.kind === "status" ? String(outcome.status) : outcome.kind));

describe("FaultInjector", () => {
  it("injects nothing by default", () => {
    expect(new Set(kinds(new FaultInjector(), 200))).toEqual(new Set(["none"]));
    expect(draw(new FaultInjector(), 50).every(({ delayMs }) => delayMs === 0)).toBe(true);
  });

  it("repeats the same sequence for the same seed, and another for another seed", () => {
    const settings = { serverErrorRate: 0.2, rateLimitRate: 0.1, hangRate: 0.05, slowBodyRate: 0.1 };
    const first = kinds(new FaultInjector({ ...settings, seed: 7 }), 300);
    expect(kinds(new FaultInjector({ ...settings, seed: 7 }), 300)).toEqual(first);
    expect(kinds(new FaultInjector({ ...settings, seed: 8 }), 300)).not.toEqual(first);
  });

  it("restarts the sequence when the settings change", () => {
    const injector = new FaultInjector({ serverErrorRate: 0.5, seed: 3 });
    const first = kinds(injector, 20);
    injector.set({ serverErrorRate: 0.5, seed: 3 });
    expect(kinds(injector, 20)).toEqual(first);
  });

  it.each([
    [{ rateLimitRate: 0.1 }, "429", 0.1],
    [{ serverErrorRate: 0.2 }, "500", 0.1],
    [{ serverErrorRate: 0.2 }, "503", 0.1],
    [{ hangRate: 0.05 }, "hang", 0.05],
    [{ slowBodyRate: 0.3 }, "slowBody", 0.3],
  ])("with %o injects %s about %s of the time", (settings, kind, share) => {
    const sample = kinds(new FaultInjector(settings), 10_000);
    expect(sample.filter((each) => each === kind).length / sample.length).toBeCloseTo(share, 1);
  });

  it("sends Retry-After with 429 and 503, 1 s unless told", () => {
    const outcomes = draw(new FaultInjector({ rateLimitRate: 0.5, serverErrorRate: 1, retryAfterSeconds: 2 }), 100).map(({ outcome }) => outcome);
    expect(outcomes).toContainEqual({ kind: "status", status: 429, retryAfterSeconds: 2 });
    expect(outcomes).toContainEqual({ kind: "status", status: 503, retryAfterSeconds: 2 });
    expect(outcomes).toContainEqual({ kind: "status", status: 500 });
    expect(new FaultInjector({ rateLimitRate: 1 }).next().outcome).toEqual({ kind: "status", status: 429, retryAfterSeconds: 1 });
    const postsOnly = new FaultInjector({ serverErrorRate: 1, methods: ["POST"], latencyMs: 5 });
    expect(postsOnly.next("GET")).toEqual({ delayMs: 5, outcome: { kind: "none" } });
    expect(postsOnly.next("POST").outcome).toMatchObject({ kind: "status" });
  });

  it("adds fixed latency and a random latency within the range", () => {
    const delays = draw(new FaultInjector({ latencyMs: 10, latencyRangeMs: [5, 15] }), 500).map(({ delayMs }) => delayMs);
    expect(Math.min(...delays)).toBeGreaterThanOrEqual(15);
    expect(Math.max(...delays)).toBeLessThanOrEqual(25);
    expect(new Set(delays).size).toBeGreaterThan(5);
  });

  it.each([[{ serverErrorRate: 1.5 }], [{ latencyMs: -1 }], [{ errorRate: 0.1 }]])("refuses the settings %o", (settings) => {
    expect(() => new FaultInjector(settings as never)).toThrow();
  });
});
