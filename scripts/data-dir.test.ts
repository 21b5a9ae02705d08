import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, expect, it } from "vitest";
import { loadOrCreateSecrets } from "./data-dir";

const made: string[] = [];
afterEach(() => {
  for (const folder of made.splice(0)) rmSync(folder, { recursive: true, force: true });
});

const mode = (file: string) => statSync(file).mode & 0o777;

it("keeps .data/ and everything in it from other users, also when an older version left it open", () => {
  const parent = mkdtempSync(path.join(tmpdir(), "roster-data-"));
  made.push(parent);
  const dataDir = path.join(parent, ".data");
  loadOrCreateSecrets(dataDir);
  // An older Roster wrote these readable by everyone.
  writeFileSync(path.join(dataDir, "sandbox.json"), "{}", { mode: 0o644 });
  writeFileSync(path.join(dataDir, "secrets.json"), readFileSync(path.join(dataDir, "secrets.json")), { mode: 0o644 });
  statSync(dataDir);

  const secrets = loadOrCreateSecrets(dataDir);

  // As root the `postgres` user must pass through to its own folder, but may not list or read anything.
  expect(mode(dataDir)).toBe(process.getuid?.() === 0 ? 0o711 : 0o700);
  expect(mode(path.join(dataDir, "secrets.json"))).toBe(0o600);
  expect(mode(path.join(dataDir, "sandbox.json"))).toBe(0o600);
  expect(secrets.databasePassword).toMatch(/^[\w-]{32}$/);
  expect(secrets.databasePassword).not.toBe("postgres");
  expect(loadOrCreateSecrets(dataDir)).toEqual(secrets);
});
