/**
 * `npm start` refuses bad input with one clear sentence and no stack trace.
 * These runs stop before the build, so they are quick.
 */
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync } from "node:fs";
import { createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findFreePort } from "./free-port";
import { embeddedServerAccount } from "./postgres-user-access";

const root = path.resolve(fileURLToPath(new URL("..", import.meta.url)));

function start(env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(root, "node_modules/tsx/dist/cli.mjs"), "--conditions=react-server", "scripts/start.ts"], {
      cwd: root,
      env: { ...process.env, ROSTER_DATA_DIR: mkdtempSync(path.join(tmpdir(), "roster-start-")), ...env },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("exit", (code) => resolve({ code, stdout, stderr: stderr.trim() }));
  });
}

let busy: Server;
let busyPort: number;
beforeAll(async () => {
  busy = createServer();
  await new Promise<void>((resolve) => busy.listen(0, "0.0.0.0", resolve));
  busyPort = (busy.address() as { port: number }).port;
});
afterAll(() => new Promise<void>((resolve) => busy.close(() => resolve())));

describe("npm start with bad input", () => {
  it("names a port that is already in use", async () => {
    const result = await start({ PORT: String(busyPort), DATABASE_URL: "" });
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      `Port ${busyPort} is already in use by another program; stop it, or start Roster on another port with PORT=${busyPort + 1} npm start.`,
    );
  });

  it.each([
    ["mysql://root@localhost/roster", "DATABASE_URL must start with postgresql://, not mysql://."],
    ["not a url", "DATABASE_URL is not a valid URL; use the form postgresql://user:password@host:5432/database."],
  ])("explains an invalid DATABASE_URL (%s)", async (url, message) => {
    const result = await start({ PORT: String(await findFreePort()), DATABASE_URL: url });
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(message);
  });

  it("explains a database that does not answer", async () => {
    const closedPort = await findFreePort();
    const result = await start({ PORT: String(await findFreePort()), DATABASE_URL: `postgresql://postgres@127.0.0.1:${closedPort}/nowhere` });
    expect(result.code).toBe(1);
    expect(result.stderr.split("\n")).toHaveLength(1);
    expect(result.stderr).toMatch(
      /^Could not connect to the database at 127\.0\.0\.1:\d+\/nowhere \(.+\); check DATABASE_URL, or unset it to use the embedded database\.$/,
    );
  });

  it("says in one sentence which folder the postgres user cannot enter, when started as root from a closed home folder", async () => {
    // A clone inside a home folder only its owner may enter (mkdtemp makes it 0700).
    const home = mkdtempSync(path.join(tmpdir(), "roster-home-"));
    const dataDir = path.join(home, "roster", ".data");
    mkdirSync(dataDir, { recursive: true });
    if (process.getuid?.() !== 0) {
      // Not root: PostgreSQL runs as this user, who may enter their own folders, so there is nothing to check.
      expect(embeddedServerAccount()).toBeNull();
      return;
    }
    const result = await start({ PORT: String(await findFreePort()), DATABASE_URL: "", ROSTER_DATA_DIR: dataDir });
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      `The embedded PostgreSQL runs as the "postgres" user when started as root, and that user cannot enter ${home}; move the project to a folder other users can enter (such as /srv or /opt), run "chmod o+x ${home}", or set DATABASE_URL to a PostgreSQL server of your own.`,
    );
  });
});
