/**
 * Applies the SQL migrations in prisma/migrations, in name order, the way
 * `prisma migrate deploy` would: each file runs in its own transaction and is
 * recorded in `_prisma_migrations` with Prisma's columns and its sha256
 * checksum. An applied migration whose file changed afterwards stops the run,
 * because the database would no longer match what the files say.
 */
import { createHash, randomUUID } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Logger, runMigrations as installGraphileWorker } from "graphile-worker";
import pg from "pg";

export const MIGRATIONS_DIR = path.resolve(fileURLToPath(new URL("../prisma/migrations", import.meta.url)));

// The advisory lock id Prisma Migrate takes, so that our runner and Prisma's never overlap.
const PRISMA_MIGRATE_LOCK_ID = 72707369;

const CREATE_MIGRATIONS_TABLE = `
CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

export interface MigrationFile {
  name: string;
  sql: string;
  checksum: string;
}

export class MigrationError extends Error {
  override name = "MigrationError";
}

export function readMigrationFiles(dir = MIGRATIONS_DIR): MigrationFile[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(path.join(dir, entry.name, "migration.sql")))
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(path.join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    });
}

export interface MigrateResult {
  applied: string[];
  alreadyApplied: number;
}

/** graphile-worker's own schema (`graphile_worker`), which it versions and upgrades itself. */
export async function installJobQueue(connectionString: string): Promise<void> {
  await installGraphileWorker({ connectionString, logger: new Logger(() => () => {}) });
}

export async function applyMigrations(
  connectionString: string,
  { dir = MIGRATIONS_DIR, log = (_line: string) => {}, jobQueue = true } = {},
): Promise<MigrateResult> {
  const files = readMigrationFiles(dir);
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [PRISMA_MIGRATE_LOCK_ID]);
    await client.query(CREATE_MIGRATIONS_TABLE);
    const { rows } = await client.query<{ migration_name: string; checksum: string; finished_at: Date | null }>(
      `SELECT migration_name, checksum, finished_at FROM "_prisma_migrations" WHERE rolled_back_at IS NULL`,
    );
    const recorded = new Map(rows.map((row) => [row.migration_name, row]));

    for (const [name, row] of recorded) {
      const file = files.find((candidate) => candidate.name === name);
      if (!row.finished_at) {
        throw new MigrationError(`Migration ${name} started earlier but never finished; inspect the database, then mark it rolled back in _prisma_migrations.`);
      }
      if (file && file.checksum !== row.checksum) {
        throw new MigrationError(
          `Migration ${name} was changed after it was applied; restore prisma/migrations/${name}/migration.sql and add a new migration instead.`,
        );
      }
    }

    const applied: string[] = [];
    for (const file of files) {
      if (recorded.has(file.name)) continue;
      await applyOne(client, file);
      applied.push(file.name);
      log(`Applied migration ${file.name}`);
    }
    if (jobQueue) await installJobQueue(connectionString);
    return { applied, alreadyApplied: recorded.size };
  } finally {
    await client.query("SELECT pg_advisory_unlock($1)", [PRISMA_MIGRATE_LOCK_ID]).catch(() => {});
    await client.end();
  }
}

async function applyOne(client: pg.Client, file: MigrationFile): Promise<void> {
  const id = randomUUID();
  await client.query("BEGIN");
  try {
    await client.query(`INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, applied_steps_count) VALUES ($1, $2, $3, now(), 0)`, [
      id,
      file.checksum,
      file.name,
    ]);
    await client.query(file.sql);
    await client.query(`UPDATE "_prisma_migrations" SET finished_at = now(), applied_steps_count = 1 WHERE id = $1`, [id]);
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK");
    const reason = error instanceof Error ? error.message : String(error);
    throw new MigrationError(`Migration ${file.name} failed and was rolled back: ${reason}`);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const url = process.env.DATABASE_URL;
  if (!url) {
    console.error("Set DATABASE_URL to the database to migrate (npm start does this for the embedded database).");
    process.exit(1);
  }
  applyMigrations(url, { log: console.log })
    .then(({ applied }) => console.log(applied.length ? `${applied.length} migration(s) applied.` : "Database is up to date."))
    .catch((error: unknown) => {
      console.error(error instanceof MigrationError ? error.message : `Migration failed: ${String(error)}`);
      process.exit(1);
    });
}
