/**
 * The PostgreSQL server the tests use: DATABASE_URL when set (CI points it at
 * the machine's server), else an embedded one in a throw-away folder. Tests
 * create their own databases on it, so they refuse anything but a local server.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { startEmbeddedDatabase } from "../embedded-database";

const root = path.resolve(fileURLToPath(new URL("../..", import.meta.url)));
const LOCAL_HOSTS = new Set(["localhost", "127.0.0.1", "::1", "[::1]", ""]);

export interface TestDatabaseServer {
  /** A connection string to a maintenance database, for CREATE/DROP DATABASE. */
  adminUrl: string;
  stop(): Promise<void>;
}

export async function startTestDatabaseServer(label: string): Promise<TestDatabaseServer> {
  const configured = process.env.DATABASE_URL;
  if (configured) {
    const url = new URL(configured);
    if (!LOCAL_HOSTS.has(url.hostname)) {
      throw new Error(`Tests create and drop databases, so they only run against a local server; DATABASE_URL points at ${url.hostname}.`);
    }
    return { adminUrl: configured, stop: async () => {} };
  }
  const server = await startEmbeddedDatabase({
    dataDir: path.join(root, ".test-data", `${label}-${process.pid}`),
    database: "postgres",
    ephemeral: true,
  });
  return { adminUrl: server.adminUrl, stop: server.stop };
}

export function databaseUrl(adminUrl: string, database: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

export async function withAdminClient<T>(adminUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Copies the migrated template; retried because PostgreSQL refuses while another copy is being taken. */
export async function createDatabaseFromTemplate(adminUrl: string, name: string, template: string): Promise<string> {
  await withAdminClient(adminUrl, async (client) => {
    for (let attempt = 1; ; attempt++) {
      try {
        await client.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`);
        return;
      } catch (error) {
        if (attempt >= 20 || !/being accessed by other users/.test(String(error))) throw error;
        await new Promise((resolve) => setTimeout(resolve, 50 * attempt));
      }
    }
  });
  return databaseUrl(adminUrl, name);
}

export async function dropDatabasesWithPrefix(adminUrl: string, prefix: string): Promise<void> {
  await withAdminClient(adminUrl, async (client) => {
    const { rows } = await client.query<{ datname: string }>("SELECT datname FROM pg_database WHERE datname LIKE $1", [`${prefix}%`]);
    for (const { datname } of rows) await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
  });
}
