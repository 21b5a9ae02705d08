import { createHash } from "node:crypto";
import { cpSync, mkdtempSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { MIGRATIONS_DIR, applyMigrations, readMigrationFiles } from "./migrate";
import { databaseUrl, withAdminClient } from "./testing/test-database-server";

// These tests need empty databases (the file's own database is already migrated).
const adminUrl = inject("databaseAdminUrl");
const prefix = inject("databasePrefix");
let counter = 0;

async function emptyDatabase(): Promise<string> {
  const name = `${prefix}mig_${process.pid}_${counter++}`;
  await withAdminClient(adminUrl, (client) => client.query(`CREATE DATABASE "${name}"`));
  return databaseUrl(adminUrl, name);
}

async function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

function copyOfMigrations(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "roster-migrations-"));
  cpSync(MIGRATIONS_DIR, dir, { recursive: true });
  return dir;
}

describe("scripts/migrate", () => {
  let url: string;
  beforeAll(async () => {
    url = await emptyDatabase();
  });

  it("applies every migration in order and records it as Prisma does", async () => {
    const files = readMigrationFiles();
    const result = await applyMigrations(url);
    expect(result.applied).toEqual(files.map((file) => file.name));

    const rows = await query<{ migration_name: string; checksum: string; finished_at: Date | null; applied_steps_count: number; rolled_back_at: Date | null }>(
      url,
      `SELECT migration_name, checksum, finished_at, applied_steps_count, rolled_back_at FROM "_prisma_migrations" ORDER BY started_at, migration_name`,
    );
    expect(rows.map((row) => row.migration_name)).toEqual(files.map((file) => file.name));
    for (const row of rows) {
      const sql = readFileSync(path.join(MIGRATIONS_DIR, row.migration_name, "migration.sql"));
      expect(row.checksum).toBe(createHash("sha256").update(sql).digest("hex"));
      expect(row.finished_at).toBeInstanceOf(Date);
      expect(row.applied_steps_count).toBe(1);
      expect(row.rolled_back_at).toBeNull();
    }
  });

  it("has Prisma's _prisma_migrations columns", async () => {
    const columns = await query<{ column_name: string; data_type: string; is_nullable: string }>(
      url,
      `SELECT column_name, data_type, is_nullable FROM information_schema.columns WHERE table_name = '_prisma_migrations' ORDER BY ordinal_position`,
    );
    expect(columns).toEqual([
      { column_name: "id", data_type: "character varying", is_nullable: "NO" },
      { column_name: "checksum", data_type: "character varying", is_nullable: "NO" },
      { column_name: "finished_at", data_type: "timestamp with time zone", is_nullable: "YES" },
      { column_name: "migration_name", data_type: "character varying", is_nullable: "NO" },
      { column_name: "logs", data_type: "text", is_nullable: "YES" },
      { column_name: "rolled_back_at", data_type: "timestamp with time zone", is_nullable: "YES" },
      { column_name: "started_at", data_type: "timestamp with time zone", is_nullable: "NO" },
      { column_name: "applied_steps_count", data_type: "integer", is_nullable: "NO" },
    ]);
  });

  it("does nothing the second time", async () => {
    const result = await applyMigrations(url);
    expect(result.applied).toEqual([]);
    expect(result.alreadyApplied).toBe(readMigrationFiles().length);
  });

  it("refuses to run when an applied migration's file changed", async () => {
    const dir = copyOfMigrations();
    const first = readMigrationFiles(dir)[0]!;
    writeFileSync(path.join(dir, first.name, "migration.sql"), `${first.sql}\n-- edited afterwards\n`);
    await expect(applyMigrations(url, { dir })).rejects.toThrow(/was changed after it was applied/);
  });

  it("rolls a failing migration back completely and records nothing", async () => {
    const dir = copyOfMigrations();
    const name = "29991231000000_broken";
    mkdirSync(path.join(dir, name));
    writeFileSync(path.join(dir, name, "migration.sql"), `CREATE TABLE "half_done" ("id" INT);\nSELECT * FROM "no_such_table";\n`);
    await expect(applyMigrations(url, { dir })).rejects.toThrow(/29991231000000_broken failed and was rolled back/);
    const tables = await query(url, `SELECT 1 FROM information_schema.tables WHERE table_name = 'half_done'`);
    expect(tables).toHaveLength(0);
    const recorded = await query(url, `SELECT 1 FROM "_prisma_migrations" WHERE migration_name = '${name}'`);
    expect(recorded).toHaveLength(0);
  });

  it("lets two runners race without applying anything twice", async () => {
    const fresh = await emptyDatabase();
    const [a, b] = await Promise.all([applyMigrations(fresh), applyMigrations(fresh)]);
    expect([...a.applied, ...b.applied].sort()).toEqual(readMigrationFiles().map((file) => file.name));
  });

  afterAll(() => {});
});
