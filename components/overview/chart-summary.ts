/** The chart's totals and its text alternative. Pure. */
import type { SeriesDay } from "@/lib/provisioning/log/operation-series";

export interface SeriesTotals {
  total: number;
  succeeded: number;
  failed: number;
  skipped: number;
}

const NUMBER = new Intl.NumberFormat("en-US");

export function seriesTotals(series: readonly SeriesDay[]): SeriesTotals {
  const totals = { total: 0, succeeded: 0, failed: 0, skipped: 0 };
  for (const day of series) {
    totals.succeeded += day.succeeded;
    totals.failed += day.failed;
    totals.skipped += day.skipped;
  }
  totals.total = totals.succeeded + totals.failed + totals.skipped;
  return totals;
}

/** "1,204 operations in 30 days: 1,180 succeeded, 20 failed, 4 skipped." */
export function seriesSentence(totals: SeriesTotals, days: number): string {
  const noun = totals.total === 1 ? "operation" : "operations";
  return `${NUMBER.format(totals.total)} ${noun} in ${days} days: ${NUMBER.format(totals.succeeded)} succeeded, ${NUMBER.format(totals.failed)} failed, ${NUMBER.format(totals.skipped)} skipped.`;
}
