/**
 * `npm test`: every check, in order, then one line with the totals:
 *   type check · layering lint · format · vitest (unit + integration) · Playwright (production build)
 * A check that is not a test runner counts as one test. Skipped tests count as
 * failures: a skipped test proves nothing.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { ensureProductionBuild } from "./build-app";
import { generatePrismaClient } from "./generate";

const root = path.resolve(fileURLToPath(new URL("..", import.meta.url)));
const results = path.join(root, "test-results");
const bin = (name: string) => path.join(root, "node_modules", ".bin", name);
/** What Prettier keeps formatted (`npm run format` rewrites it); .prettierignore leaves out what is generated. */
const FORMATTED = ["**/*.{ts,tsx,mjs,css}"];

interface Tally {
  name: string;
  passed: number;
  failed: number;
  skipped: number;
}
const tallies: Tally[] = [];

function run(command: string, args: string[], env: Record<string, string> = {}): number {
  console.log(`\n$ ${[path.basename(command), ...args].join(" ")}`);
  const result = spawnSync(command, args, { cwd: root, stdio: "inherit", env: { ...process.env, ...env } });
  return result.status ?? 1;
}

function check(name: string, command: string, args: string[]) {
  const ok = run(command, args) === 0;
  tallies.push({ name, passed: ok ? 1 : 0, failed: ok ? 0 : 1, skipped: 0 });
}

function readJson<T>(file: string): T | null {
  return existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as T) : null;
}

rmSync(results, { recursive: true, force: true });
mkdirSync(results, { recursive: true });
generatePrismaClient();

check("type check", bin("tsc"), ["--noEmit", "-p", "tsconfig.json"]);
check("layering lint", bin("eslint"), ["--max-warnings=0", "."]);
check("format", bin("prettier"), ["--check", "--log-level=warn", ...FORMATTED]);

const vitestJson = path.join(results, "vitest.json");
const vitestExit = run(bin("vitest"), ["run", "--reporter=default", "--reporter=json", `--outputFile.json=${vitestJson}`]);
const vitest = readJson<{ numPassedTests: number; numFailedTests: number; numPendingTests: number; numTodoTests: number }>(vitestJson);
tallies.push({
  name: "vitest",
  passed: vitest?.numPassedTests ?? 0,
  failed: (vitest?.numFailedTests ?? 0) + (vitest ? 0 : 1) + (vitestExit !== 0 && vitest && !vitest.numFailedTests ? 1 : 0),
  skipped: (vitest?.numPendingTests ?? 0) + (vitest?.numTodoTests ?? 0),
});

let built = true;
try {
  console.log("\n$ next build");
  ensureProductionBuild();
} catch (error) {
  built = false;
  console.error((error as Error).message);
  tallies.push({ name: "production build", passed: 0, failed: 1, skipped: 0 });
}

if (built) {
  const playwrightJson = path.join(results, "playwright.json");
  const playwrightExit = run(bin("playwright"), ["test"]);
  const playwright = readJson<{ stats: { expected: number; unexpected: number; flaky: number; skipped: number } }>(playwrightJson);
  tallies.push({
    name: "playwright",
    passed: playwright?.stats.expected ?? 0,
    failed:
      (playwright?.stats.unexpected ?? 0) +
      (playwright?.stats.flaky ?? 0) +
      (playwright ? 0 : 1) +
      (playwrightExit !== 0 && playwright && !playwright.stats.unexpected ? 1 : 0),
    skipped: playwright?.stats.skipped ?? 0,
  });
}

console.log("\nSummary");
for (const tally of tallies) {
  console.log(
    `  ${tally.name.padEnd(18)} ${tally.passed} passed, ${tally.failed} failed${tally.skipped ? `, ${tally.skipped} skipped (counted as failed)` : ""}`,
  );
}
const passed = tallies.reduce((sum, tally) => sum + tally.passed, 0);
const failed = tallies.reduce((sum, tally) => sum + tally.failed + tally.skipped, 0);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
