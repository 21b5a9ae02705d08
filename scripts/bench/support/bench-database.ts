/**
 * A throw-away, migrated database for a benchmark: on DATABASE_URL's server
 * when set, else on an embedded one. Exposed as DATABASE_URL for lib/db.
 */
import { randomBytes } from "node:crypto";
import { applyMigrations } from "../../migrate";
import { databaseUrl, startTestDatabaseServer, withAdminClient } from "../../testing/test-database-server";

export async function withBenchDatabase<T>(work: (url: string) => Promise<T>): Promise<T> {
  const server = await startTestDatabaseServer("bench");
  const name = `roster_bench_${randomBytes(4).toString("hex")}`;
  await withAdminClient(server.adminUrl, (client) => client.query(`CREATE DATABASE "${name}"`));
  const url = databaseUrl(server.adminUrl, name);
  try {
    await applyMigrations(url);
    process.env.DATABASE_URL = url;
    process.env.SESSION_SECRET ??= randomBytes(32).toString("base64url");
    process.env.ROSTER_ENCRYPTION_KEY ??= randomBytes(32).toString("base64");
    return await work(url);
  } finally {
    await withAdminClient(server.adminUrl, (client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).catch(() => {});
    await server.stop();
  }
}

export function percentile(sorted: number[], p: number): number {
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return Math.round(sorted[index]! * 100) / 100;
}
