import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(fileURLToPath(new URL("..", import.meta.url)));

/**
 * How to start the worker as one process (`node --import tsx`, not the tsx
 * CLI, which would put a second process in between): signals, including a
 * test's SIGKILL, then reach the worker itself. `npm run worker` in
 * package.json spells out the same arguments.
 *
 * The heap cap is a generous ceiling, not a budget: below 2 GB V8 also lowers
 * its heap growing factor (4× the live heap to ~1.6×), so the worker collects
 * before its heap balloons. A 50,000-user import fetch peaks near 280 MB RSS
 * instead of ~400 MB, at the same speed; its live heap stays under 100 MB.
 *
 * A young generation of 32 MB semi-spaces: a sync allocates a little per
 * request and lets it go at once, and fewer, larger scavenges cost ~6 % less
 * of the worker's CPU per person (218–223 µs against 231–242 µs in the sync
 * bench); the import's peak rises to ~340 MB, still under its 400 MB.
 */
export const WORKER_ARGS = [
  "--max-old-space-size=1024",
  "--max-semi-space-size=32",
  "--conditions=react-server",
  "--import",
  "tsx",
  path.join(root, "scripts/worker.ts"),
];
