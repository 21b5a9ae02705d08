/**
 * Builds the production bundle when the sources changed since the last build,
 * so a second `npm start` (or test run) skips the minute a build takes.
 */
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(fileURLToPath(new URL("..", import.meta.url)));
const SOURCE_DIRS = ["app", "components", "lib", "public"];
const SOURCE_FILES = ["next.config.ts", "package-lock.json", "postcss.config.mjs", "tsconfig.json", "proxy.ts"];
const STAMP = path.join(root, ".next", "roster-source-fingerprint");

function fingerprint(): string {
  const hash = createHash("sha256");
  const visit = (dir: string) => {
    if (!existsSync(dir)) return;
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) visit(full);
      else if (!/\.test\.tsx?$/.test(entry.name)) {
        const stat = statSync(full);
        hash.update(`${path.relative(root, full)}:${stat.size}:${stat.mtimeMs}\n`);
      }
    }
  };
  SOURCE_DIRS.forEach((dir) => visit(path.join(root, dir)));
  for (const file of SOURCE_FILES) {
    const full = path.join(root, file);
    if (existsSync(full)) hash.update(`${file}:${readFileSync(full, "utf8")}\n`);
  }
  return hash.digest("hex");
}

export function ensureProductionBuild({ log = console.log } = {}): void {
  const current = fingerprint();
  if (existsSync(path.join(root, ".next", "BUILD_ID")) && existsSync(STAMP) && readFileSync(STAMP, "utf8") === current) return;
  log("Building the app (first start or changed sources; this takes a minute or two)…");
  const result = spawnSync(process.execPath, [path.join(root, "node_modules/next/dist/bin/next"), "build"], {
    cwd: root,
    stdio: ["ignore", "pipe", "pipe"],
    encoding: "utf8",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", NODE_ENV: "production" },
  });
  if (result.status !== 0) {
    throw new Error(`The production build failed:\n${(result.stdout + result.stderr).trim().split("\n").slice(-40).join("\n")}`);
  }
  writeFileSync(STAMP, current);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  ensureProductionBuild();
}
