/**
 * Starts the real worker (`scripts/worker.ts`) as a child process on the test
 * file's database, for integration tests that need jobs to run.
 */
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { WORKER_ARGS } from "../worker-command";

const root = path.resolve(fileURLToPath(new URL("../..", import.meta.url)));

export interface WorkerProcess {
  child: ChildProcess;
  output: () => string;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/** `nodeArgs` go before the worker's own (a benchmark's `--cpu-prof`, which NODE_OPTIONS does not take). */
export function startWorker(env: Record<string, string> = {}, { nodeArgs = [] }: { nodeArgs?: readonly string[] } = {}): WorkerProcess {
  const child = spawn(process.execPath, [...nodeArgs, ...WORKER_ARGS], {
    cwd: root,
    env: { ...process.env, ROSTER_ALLOW_PRIVATE_TARGETS: "1", WORKER_QUIET: "1", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (chunk) => (output += chunk));
  child.stderr?.on("data", (chunk) => (output += chunk));
  return {
    child,
    output: () => output,
    stop: (signal = "SIGTERM") =>
      new Promise((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill(signal);
      }),
  };
}

/** Polls until `check` returns a truthy value, or fails with the last value after `timeoutMs`. */
export async function eventually<T>(check: () => Promise<T>, { timeoutMs = 20_000, intervalMs = 100, what = "the condition" } = {}): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  while (Date.now() < deadline) {
    last = await check();
    if (last) return last;
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what} (last value: ${JSON.stringify(last)}).`);
}
