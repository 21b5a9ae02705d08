/**
 * `.data/`: the embedded database and the secrets `npm start` generates once
 * (the session-cookie secret, the key that encrypts SCIM tokens at rest, the
 * embedded database's password and the demo sandbox's token).
 * Git-ignored; deleting it starts over with a fresh demo.
 *
 * Only its owner may read it. Started as root, the embedded database runs as
 * the `postgres` user, which must pass through `.data/` to its own folder
 * (`.data/postgres`, which PostgreSQL keeps at mode 0700): then `.data/` is
 * 0711, so that user can enter it but not list it, and every file in it is 0600.
 */
import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const DATA_DIR = path.resolve(process.env.ROSTER_DATA_DIR ?? fileURLToPath(new URL("../.data", import.meta.url)));

export interface GeneratedSecrets {
  sessionSecret: string;
  encryptionKey: string;
  /** The demo SCIM sandbox's API key. */
  sandboxToken: string;
  /** The embedded PostgreSQL superuser's password. */
  databasePassword: string;
}

export function loadOrCreateSecrets(dataDir = DATA_DIR): GeneratedSecrets {
  closeDataDir(dataDir);
  const file = path.join(dataDir, "secrets.json");
  const stored = existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as Partial<GeneratedSecrets>) : {};
  if (stored.sessionSecret && stored.encryptionKey && stored.sandboxToken && stored.databasePassword) return stored as GeneratedSecrets;
  const secrets: GeneratedSecrets = {
    sessionSecret: stored.sessionSecret ?? randomBytes(32).toString("base64url"),
    encryptionKey: stored.encryptionKey ?? randomBytes(32).toString("base64"),
    sandboxToken: stored.sandboxToken ?? randomBytes(24).toString("base64url"),
    databasePassword: stored.databasePassword ?? randomBytes(24).toString("base64url"),
  };
  writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  chmodSync(file, 0o600);
  return secrets;
}

/** Creates the folder if needed and takes every right from others, also on folders made by older versions. */
export function closeDataDir(dataDir = DATA_DIR): void {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  chmodSync(dataDir, process.getuid?.() === 0 ? 0o711 : 0o700);
  for (const entry of readdirSync(dataDir)) {
    const file = path.join(dataDir, entry);
    // The database's folder is PostgreSQL's own: it keeps it at 0700 (0750 at most) and owns it.
    if (entry !== "postgres" && statSync(file).isFile()) chmodSync(file, 0o600);
  }
}
