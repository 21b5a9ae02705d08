import { describe, expect, it } from "vitest";
import { progressFigures } from "./progress-figures";

describe("progressFigures", () => {
  it.each([
    [{ total: 100, done: 0, elapsedMs: 5_000 }, "Starting…"],
    [{ total: 100, done: 50, elapsedMs: 10_000 }, "5.0 people/s · about 10 s left"],
    [{ total: 10_000, done: 2_000, elapsedMs: 1_000 }, "2,000 people/s · about 4 s left"],
    // Five of six done sixteen minutes ago: no "0.0 people/s" and no estimate that only grows.
    [{ total: 6, done: 5, elapsedMs: 16 * 60_000 }, "Waiting for the app to answer…"],
  ])("%o reads %s", (run, expected) => {
    expect(progressFigures(run)).toBe(expected);
  });
});
