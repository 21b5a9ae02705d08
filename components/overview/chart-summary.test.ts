import { describe, expect, it } from "vitest";
import { seriesSentence, seriesTotals } from "./chart-summary";

describe("seriesTotals and seriesSentence", () => {
  it("adds every day's outcomes and says them in words", () => {
    const totals = seriesTotals([
      { day: "2026-11-01", succeeded: 1_000, failed: 12, skipped: 0 },
      { day: "2026-11-02", succeeded: 180, failed: 8, skipped: 4 },
      { day: "2026-11-03", succeeded: 0, failed: 0, skipped: 0 },
    ]);
    expect(totals).toEqual({ total: 1_204, succeeded: 1_180, failed: 20, skipped: 4 });
    expect(seriesSentence(totals, 30)).toBe("1,204 operations in 30 days: 1,180 succeeded, 20 failed, 4 skipped.");
  });

  it("uses the singular for one operation and zeros for none", () => {
    expect(seriesSentence({ total: 1, succeeded: 1, failed: 0, skipped: 0 }, 30)).toBe("1 operation in 30 days: 1 succeeded, 0 failed, 0 skipped.");
    expect(seriesSentence(seriesTotals([]), 30)).toBe("0 operations in 30 days: 0 succeeded, 0 failed, 0 skipped.");
  });
});
