/**
 * Forwarded headers are believed only from a trusted proxy. The e2e server
 * trusts 127.0.0.3 (e2e/support/serve.ts); these requests come from other
 * loopback addresses (Linux routes all of 127.0.0.0/8 to this machine), so the
 * per-address lock they trip never reaches 127.0.0.1, where the browser and
 * every other spec sign in from.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { request as httpRequest } from "node:http";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { findFreePort } from "../scripts/free-port";
import { databaseUrl, startTestDatabaseServer, withAdminClient } from "../scripts/testing/test-database-server";
import { OWNER } from "./support/accounts";
import { expect, snapshot, test } from "./support/fixtures";
import { expectNoSeriousA11yViolations } from "./support/axe";

const ATTACKER = "127.0.0.2";
const TRUSTED_PROXY = "127.0.0.3";

interface ActionCall {
  url: string;
  actionId: string;
}

/** Calls the sign-in server action as a browser would, from `localAddress`, with the given extra headers. */
function signInFrom(
  localAddress: string,
  call: ActionCall,
  credentials: { email: string; password: string },
  headers: Record<string, string> = {},
): Promise<string> {
  const body = JSON.stringify([credentials]);
  const url = new URL(call.url);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: "POST",
        localAddress,
        headers: {
          accept: "text/x-component",
          "content-type": "text/plain;charset=UTF-8",
          "content-length": Buffer.byteLength(body),
          origin: url.origin,
          "next-action": call.actionId,
          ...headers,
        },
      },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => (text += chunk));
        res.on("end", () => resolve(text));
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

/** The action's answer code in the flight response: "unauthenticated" for a wrong password, "rate_limited" when locked. */
function answerCode(flight: string): string | undefined {
  return /"code":"([a-z_]+)"/.exec(flight)?.[1];
}

test("forwarded headers from an untrusted peer are ignored: the per-address lock holds and the audit log shows the real address", async ({
  page,
  signInPage,
}) => {
  // Find the sign-in action's id from one real submission.
  await signInPage.goto();
  const [submitted] = await Promise.all([
    page.waitForRequest((request) => request.method() === "POST" && Boolean(request.headers()["next-action"])),
    signInPage.signIn({ email: "first.try@halden.example", password: "not-a-password" }),
  ]);
  await expect(signInPage.error).toHaveText("That e-mail and password do not match an account.");
  const call: ActionCall = { url: submitted.url(), actionId: submitted.headers()["next-action"]! };

  // One wrong password for a real admin, so the audit log has an event to show; a different spoofed address each time.
  const spoofed = (attempt: number) => ({
    "x-forwarded-for": `203.0.113.${attempt + 1}`,
    "x-real-ip": `198.51.100.${attempt + 1}`,
    forwarded: `for=192.0.2.${attempt + 1}`,
  });
  expect(answerCode(await signInFrom(ATTACKER, call, { email: OWNER.email, password: "guess-0" }, spoofed(0)))).toBe("unauthenticated");
  // 29 more wrong passwords for other e-mails: 30 in all from this address.
  for (let attempt = 1; attempt < 30; attempt++) {
    const answer = await signInFrom(ATTACKER, call, { email: `spray${attempt}@halden.example`, password: "guess" }, spoofed(attempt));
    expect(answerCode(answer), `attempt ${attempt + 1}`).toBe("unauthenticated");
  }
  // Rotating the header does not buy a 31st check.
  for (let attempt = 30; attempt < 35; attempt++) {
    const answer = await signInFrom(ATTACKER, call, { email: `spray${attempt}@halden.example`, password: "guess" }, spoofed(attempt));
    expect(answerCode(answer), `attempt ${attempt + 1}`).toBe("rate_limited");
  }

  // A trusted proxy is believed: the client is the right-most address it did not add itself.
  const viaProxy = await signInFrom(TRUSTED_PROXY, call, OWNER, { "x-forwarded-for": "6.6.6.6, 192.0.2.77" });
  expect(viaProxy).toContain('"redirectTo":"/"');

  // The Owner, from 127.0.0.1 and unaffected by the lock on 127.0.0.2, reads the audit log.
  await signInPage.signIn(OWNER);
  await expect(page.getByRole("heading", { name: /Welcome back/ })).toBeVisible();
  await page.goto("/audit-log");
  const failed = page.getByRole("row").filter({ hasText: "Failed to sign in as" }).filter({ hasText: ATTACKER });
  await expect(failed).toHaveCount(1);
  await expect(failed).toContainText(OWNER.email);
  await expect(page.getByRole("row").filter({ hasText: "Signed in" }).filter({ hasText: "192.0.2.77" })).toHaveCount(1);
  const table = page.getByRole("table");
  for (const claimed of ["203.0.113.1", "198.51.100.1", "192.0.2.1", "6.6.6.6"]) await expect(table).not.toContainText(claimed);
  await expect(page.getByRole("row").filter({ hasText: "Signed in" }).first()).toContainText("127.0.0.1");
});

test("a burst of parallel wrong passwords gets four more checks after the first, then the e-mail is locked with a message that says when to try again", async ({
  page,
  signInPage,
}) => {
  const locked = { email: "locked.out@halden.example", password: "wrong-password" };
  await signInPage.goto();
  const [submitted] = await Promise.all([
    page.waitForRequest((request) => request.method() === "POST" && Boolean(request.headers()["next-action"])),
    signInPage.signIn(locked),
  ]);
  await expect(signInPage.error).toHaveText("That e-mail and password do not match an account.");
  // Ten more wrong passwords for that e-mail, sent at once from another address: four are checked, the rest refused.
  const call: ActionCall = { url: submitted.url(), actionId: submitted.headers()["next-action"]! };
  const answers = (await Promise.all(Array.from({ length: 10 }, () => signInFrom("127.0.0.4", call, locked)))).map(answerCode);
  expect(answers.filter((code) => code === "unauthenticated")).toHaveLength(4);
  expect(answers.filter((code) => code === "rate_limited")).toHaveLength(6);

  await signInPage.signIn(locked);
  await expect(signInPage.error).toHaveText("Too many failed attempts. Wait 15 minutes before trying again.");
  for (const width of [1440, 390]) {
    await page.setViewportSize({ width, height: width === 390 ? 844 : 900 });
    await snapshot(page, `sign-in-locked-${width}`);
    await expectNoSeriousA11yViolations(page);
  }
});

/** Starts `npm start` and resolves once it says it is running. */
function npmStart(env: Record<string, string | undefined>): Promise<ChildProcess> {
  const child = spawn(process.execPath, [path.resolve("node_modules/tsx/dist/cli.mjs"), "--conditions=react-server", "scripts/start.ts"], {
    env: { ...process.env, ...env }, // an undefined value leaves the variable out
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  return new Promise((resolve, reject) => {
    const collect = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes("Roster is running at")) resolve(child);
    };
    child.stdout!.on("data", collect);
    child.stderr!.on("data", collect);
    child.once("exit", (code) => reject(new Error(`npm start stopped (exit code ${code}):\n${output}`)));
  });
}

function stop(child: ChildProcess): Promise<unknown> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  return exited;
}

/** True when a TCP connection to host:port is accepted. */
function accepts(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

test("npm start listens on 127.0.0.1 only, unless HOST says otherwise", async () => {
  test.setTimeout(240_000);
  // Another address of this machine. A server listening on 127.0.0.1 alone does not answer on it, one listening
  // on every interface would. (Tests here never connect beyond the loopback range.)
  const elsewhere = "127.0.0.2";

  // A database and a data folder of its own; the build the e2e server uses is reused.
  const server = await startTestDatabaseServer("e2e-start");
  const database = `roster_e2e_start_${randomBytes(4).toString("hex")}`;
  await withAdminClient(server.adminUrl, (client) => client.query(`CREATE DATABASE "${database}"`));
  const dataDir = mkdtempSync(path.join(tmpdir(), "roster-start-"));
  const port = await findFreePort();
  const env = {
    DATABASE_URL: databaseUrl(server.adminUrl, database),
    ROSTER_DATA_DIR: dataDir,
    PORT: String(port),
    SANDBOX_PORT: String(await findFreePort()),
  };
  const children: ChildProcess[] = [];
  try {
    const byDefault = await npmStart({ ...env, HOST: undefined });
    children.push(byDefault);
    expect(await accepts("127.0.0.1", port)).toBe(true);
    expect(await accepts(elsewhere, port)).toBe(false);
    await stop(byDefault);

    const onThatAddress = await npmStart({ ...env, HOST: elsewhere });
    children.push(onThatAddress);
    expect(await accepts(elsewhere, port)).toBe(true);
    expect(await accepts("127.0.0.1", port)).toBe(false);
  } finally {
    await Promise.all(children.map(stop));
    rmSync(dataDir, { recursive: true, force: true });
    await withAdminClient(server.adminUrl, (client) => client.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`)).catch(() => {});
    await server.stop();
  }
});
