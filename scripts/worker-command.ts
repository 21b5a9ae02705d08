import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(fileURLToPath(new URL("..", import.meta.url)));

/**
 * How to start the worker as one process (`node --import tsx`, not the tsx
 * CLI, which would put a second process in between): signals, including a
 * test's SIGKILL, then reach the worker itself.
 */
export const WORKER_ARGS = ["--conditions=react-server", "--import", "tsx", path.join(root, "scripts/worker.ts")];
