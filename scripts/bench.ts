/**
 * `npm run bench -- <suite>`: runs one benchmark suite from scripts/bench/,
 * which prints one JSON line per figure. Benchmarks measure; they never fail a build.
 */
import { readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { generatePrismaClient } from "./generate";

const suites = readdirSync(fileURLToPath(new URL("./bench", import.meta.url)))
  .filter((file) => file.endsWith(".ts") && !file.includes(".test."))
  .map((file) => file.replace(/\.ts$/, ""));
const suite = process.argv[2];

if (!suite || !suites.includes(suite)) {
  console.error(`Name a suite to run: npm run bench -- <${suites.join("|")}>`);
  process.exit(1);
}

// The suites reach the database through the generated client, which a fresh clone does not have yet.
generatePrismaClient();
const { run } = (await import(`./bench/${suite}.ts`)) as { run: () => Promise<void> };
await run();
process.exit(0);
