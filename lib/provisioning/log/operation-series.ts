/**
 * The overview chart's series: provisioning operations per UTC day by outcome, with every day of the window
 * present (a day with no operations is zeros). Pure: the clock is passed in.
 */
import type { OperationStatusName } from "./schemas";

export const SERIES_DAYS = 30;
const DAY_MS = 24 * 60 * 60 * 1000;

/** One day's operations by outcome; `day` is the UTC date, `YYYY-MM-DD`. */
export interface SeriesDay {
  day: string;
  succeeded: number;
  failed: number;
  skipped: number;
}

/** A count the database returns: operations of one status on one UTC day. */
export interface DayStatusCount {
  day: string;
  status: OperationStatusName;
  count: number;
}

const FIELD: Record<OperationStatusName, keyof Omit<SeriesDay, "day">> = { SUCCEEDED: "succeeded", FAILED: "failed", SKIPPED: "skipped" };

function startOfUtcDay(time: Date): number {
  return Date.UTC(time.getUTCFullYear(), time.getUTCMonth(), time.getUTCDate());
}

/** The window's bounds: from the start of the UTC day `days - 1` days before `now`'s, to the end of `now`'s UTC day. */
export function seriesWindow(now: Date, days = SERIES_DAYS): { from: Date; to: Date } {
  const today = startOfUtcDay(now);
  return { from: new Date(today - (days - 1) * DAY_MS), to: new Date(today + DAY_MS) };
}

/** Every UTC day of the window, oldest first, with the counts that fall on it (others are ignored). */
export function fillDailySeries(counts: readonly DayStatusCount[], now: Date, days = SERIES_DAYS): SeriesDay[] {
  const { from } = seriesWindow(now, days);
  const series = Array.from({ length: days }, (_, index) => ({
    day: new Date(from.getTime() + index * DAY_MS).toISOString().slice(0, 10),
    succeeded: 0,
    failed: 0,
    skipped: 0,
  }));
  const byDay = new Map(series.map((entry) => [entry.day, entry]));
  for (const { day, status, count } of counts) {
    const entry = byDay.get(day);
    if (entry) entry[FIELD[status]] += count;
  }
  return series;
}

/** The UTC day (`YYYY-MM-DD`) an instant falls on, as the database buckets it. */
export function utcDay(time: Date): string {
  return time.toISOString().slice(0, 10);
}
