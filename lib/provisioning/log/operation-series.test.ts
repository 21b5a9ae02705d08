import { describe, expect, it } from "vitest";
import { fillDailySeries, seriesWindow, utcDay } from "./operation-series";

describe("seriesWindow", () => {
  it.each([
    ["midday", "2026-11-30T12:00:00.000Z", "2026-11-01T00:00:00.000Z", "2026-12-01T00:00:00.000Z"],
    ["the first millisecond of a UTC day", "2026-11-30T00:00:00.000Z", "2026-11-01T00:00:00.000Z", "2026-12-01T00:00:00.000Z"],
    ["the last millisecond of a UTC day", "2026-11-30T23:59:59.999Z", "2026-11-01T00:00:00.000Z", "2026-12-01T00:00:00.000Z"],
    // 01:30 on 1 Dec in Berlin is still 30 Nov in UTC: the window follows UTC, not the server's zone.
    ["a time given with an offset", "2026-12-01T01:30:00+02:00", "2026-11-01T00:00:00.000Z", "2026-12-01T00:00:00.000Z"],
    ["across a month and year end", "2027-01-05T08:00:00.000Z", "2026-12-07T00:00:00.000Z", "2027-01-06T00:00:00.000Z"],
  ])("covers 30 whole UTC days ending with today's, at %s", (_, now, from, to) => {
    const window = seriesWindow(new Date(now));
    expect(window.from.toISOString()).toBe(from);
    expect(window.to.toISOString()).toBe(to);
  });
});

describe("fillDailySeries", () => {
  const now = new Date("2026-11-30T10:00:00.000Z");

  it("has every day of the window, oldest first, with zeros for days without operations", () => {
    const series = fillDailySeries([], now);
    expect(series).toHaveLength(30);
    expect(series[0]).toEqual({ day: "2026-11-01", succeeded: 0, failed: 0, skipped: 0 });
    expect(series.at(-1)).toEqual({ day: "2026-11-30", succeeded: 0, failed: 0, skipped: 0 });
    expect(new Set(series.map((day) => day.day)).size).toBe(30);
  });

  it("puts each count on its day and outcome, and leaves the gaps at zero", () => {
    const series = fillDailySeries(
      [
        { day: "2026-11-01", status: "SUCCEEDED", count: 3 },
        { day: "2026-11-01", status: "FAILED", count: 1 },
        { day: "2026-11-15", status: "SKIPPED", count: 2 },
        { day: "2026-11-30", status: "SUCCEEDED", count: 7 },
      ],
      now,
    );
    expect(series.filter((day) => day.succeeded + day.failed + day.skipped > 0)).toEqual([
      { day: "2026-11-01", succeeded: 3, failed: 1, skipped: 0 },
      { day: "2026-11-15", succeeded: 0, failed: 0, skipped: 2 },
      { day: "2026-11-30", succeeded: 7, failed: 0, skipped: 0 },
    ]);
  });

  it("ignores counts outside the window", () => {
    const series = fillDailySeries(
      [
        { day: "2026-10-31", status: "SUCCEEDED", count: 5 },
        { day: "2026-12-01", status: "FAILED", count: 5 },
      ],
      now,
    );
    expect(series.every((day) => day.succeeded + day.failed + day.skipped === 0)).toBe(true);
  });

  it("takes another window length", () => {
    expect(fillDailySeries([], now, 7).map((day) => day.day)).toEqual([
      "2026-11-24",
      "2026-11-25",
      "2026-11-26",
      "2026-11-27",
      "2026-11-28",
      "2026-11-29",
      "2026-11-30",
    ]);
  });
});

describe("utcDay", () => {
  it.each([
    ["2026-11-30T23:59:59.999Z", "2026-11-30"],
    ["2026-12-01T00:00:00.000Z", "2026-12-01"],
    ["2026-12-01T01:00:00+05:00", "2026-11-30"],
  ])("puts %s on %s", (time, day) => expect(utcDay(new Date(time))).toBe(day));
});
