/**
 * `.data/`: the embedded database and the secrets `npm start` generates once
 * (the session-cookie secret and the key that encrypts SCIM tokens at rest).
 * Git-ignored; deleting it starts over with a fresh demo.
 */
import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const DATA_DIR = path.resolve(process.env.ROSTER_DATA_DIR ?? fileURLToPath(new URL("../.data", import.meta.url)));

export interface GeneratedSecrets {
  sessionSecret: string;
  encryptionKey: string;
  /** The demo SCIM sandbox's API key. */
  sandboxToken: string;
}

export function loadOrCreateSecrets(dataDir = DATA_DIR): GeneratedSecrets {
  mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, "secrets.json");
  const stored = existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as Partial<GeneratedSecrets>) : {};
  if (stored.sessionSecret && stored.encryptionKey && stored.sandboxToken) return stored as GeneratedSecrets;
  const secrets: GeneratedSecrets = {
    sessionSecret: stored.sessionSecret ?? randomBytes(32).toString("base64url"),
    encryptionKey: stored.encryptionKey ?? randomBytes(32).toString("base64"),
    sandboxToken: stored.sandboxToken ?? randomBytes(24).toString("base64url"),
  };
  writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  chmodSync(file, 0o600);
  return secrets;
}
