/**
 * Generates the Prisma client into lib/generated/prisma.
 *
 * The Prisma CLI insists on locating its schema engine even for `generate`, which
 * never runs it; the engine cannot be downloaded here, so we point the CLI at an
 * existing file. Skips the work when the schema has not changed since the last run.
 */
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import path from "node:path";

const root = path.resolve(fileURLToPath(new URL("..", import.meta.url)));
const schemaFile = path.join(root, "prisma/schema.prisma");
const outputDir = path.join(root, "lib/generated/prisma");
const stampFile = path.join(outputDir, ".schema-sha256");

export function generatePrismaClient({ force = false } = {}): void {
  const digest = createHash("sha256").update(readFileSync(schemaFile)).digest("hex");
  if (!force && existsSync(stampFile) && readFileSync(stampFile, "utf8") === digest) return;

  const result = spawnSync(process.execPath, [path.join(root, "node_modules/prisma/build/index.js"), "generate"], {
    cwd: root,
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: process.execPath, PRISMA_HIDE_UPDATE_MESSAGE: "1" },
    encoding: "utf8",
  });
  if (result.status !== 0) {
    throw new Error(`Could not generate the Prisma client:\n${result.stderr || result.stdout}`);
  }
  writeFileSync(stampFile, digest);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  generatePrismaClient({ force: process.argv.includes("--force") });
  console.log("Prisma client generated in lib/generated/prisma");
}
