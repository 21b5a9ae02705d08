import { formatDuration, formatRate } from "./format-duration";

/** Below this the rate would read "0.0 people/s" and the time left would only grow: the run is waiting on the app. */
const MOVING = 0.05;

/** The line beside a running sync's progress bar: its pace and the time left, or what it is waiting for. */
export function progressFigures({ total, done, elapsedMs }: { total: number; done: number; elapsedMs: number }): string {
  const rate = elapsedMs > 0 ? done / (elapsedMs / 1000) : 0;
  if (done === 0) return "Starting…";
  if (rate < MOVING) return "Waiting for the app to answer…";
  return `${formatRate(rate)} people/s · about ${formatDuration(((total - done) / rate) * 1000)} left`;
}
