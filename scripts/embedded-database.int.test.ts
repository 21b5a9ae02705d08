/**
 * The embedded PostgreSQL that `npm start` runs when DATABASE_URL is unset: a generated password,
 * never postgres/postgres, also for data folders that older versions made with that password.
 */
import { chmodSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { afterAll, expect, it } from "vitest";
import { startEmbeddedDatabase } from "./embedded-database";

const root = path.resolve(fileURLToPath(new URL("..", import.meta.url)));
mkdirSync(path.join(root, ".test-data"), { recursive: true });
const parent = mkdtempSync(path.join(root, ".test-data", "embedded-"));
// mkdtemp makes it 0700; as root the server runs as `postgres`, which must enter it.
chmodSync(parent, 0o755);
afterAll(() => rmSync(parent, { recursive: true, force: true }));

async function refusal(port: number, password: string): Promise<string | undefined> {
  const client = new pg.Client({ host: "127.0.0.1", port, user: "postgres", password, database: "postgres" });
  client.on("error", () => {});
  try {
    await client.connect();
    await client.end();
    return undefined;
  } catch (error) {
    return (error as { code?: string }).code;
  }
}

it("takes the generated password and refuses postgres/postgres, also on a data folder made with it", async () => {
  const dataDir = path.join(parent, "postgres");
  // A data folder as versions before generated passwords made it.
  const legacy = await startEmbeddedDatabase({ dataDir, password: "postgres", ephemeral: true });
  expect(await refusal(legacy.port, "postgres")).toBeUndefined();
  await legacy.stop();

  const password = "a-generated-password-0123456789";
  const server = await startEmbeddedDatabase({ dataDir, password, ephemeral: true });
  try {
    expect(await refusal(server.port, "postgres")).toBe("28P01");
    expect(await refusal(server.port, password)).toBeUndefined();
    expect(new URL(server.url).password).toBe(password);
    const client = new pg.Client({ connectionString: server.url });
    await client.connect();
    expect((await client.query("SELECT current_database() AS name")).rows[0].name).toBe("roster");
    await client.end();
  } finally {
    await server.stop();
  }
}, 60_000);
