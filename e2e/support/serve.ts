/**
 * The server the Playwright specs run against: the production build, a
 * database of its own (embedded, or a fresh one on DATABASE_URL's server),
 * migrated and seeded with known accounts. Stops and cleans up on SIGTERM.
 */
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { ensureProductionBuild } from "../../scripts/build-app";
import { generatePrismaClient } from "../../scripts/generate";
import { applyMigrations } from "../../scripts/migrate";
import { WORKER_ARGS } from "../../scripts/worker-command";
import { databaseUrl, startTestDatabaseServer, withAdminClient } from "../../scripts/testing/test-database-server";
import { ADMIN, MEMBER, OWNER, PEOPLE_ADMIN } from "./accounts";

const root = path.resolve(fileURLToPath(new URL("../..", import.meta.url)));
const port = process.env.E2E_PORT ?? "3210";

const server = await startTestDatabaseServer("e2e");
const database = `roster_e2e_${randomBytes(4).toString("hex")}`;
await withAdminClient(server.adminUrl, (client) => client.query(`CREATE DATABASE "${database}"`));
const url = databaseUrl(server.adminUrl, database);
await applyMigrations(url);

process.env.DATABASE_URL = url;
process.env.SESSION_SECRET ??= randomBytes(32).toString("base64url");
process.env.ROSTER_ENCRYPTION_KEY ??= randomBytes(32).toString("base64");
// The specs run their SCIM sandbox on loopback.
process.env.ROSTER_ALLOW_PRIVATE_TARGETS = "1";
process.env.ROSTER_DNS_SERVERS = `127.0.0.1:${process.env.E2E_DNS_PORT ?? "5353"}`;
generatePrismaClient();

const { seedDemo } = await import("../../prisma/seed");
const { db } = await import("../../lib/db");
const { hashPassword } = await import("../../lib/auth/password");
const seeded = await seedDemo({ ownerPassword: OWNER.password });
if (seeded.owner?.email !== OWNER.email) throw new Error(`The demo Owner is ${seeded.owner?.email}, not ${OWNER.email}.`);
const { id: organizationId } = await db.organization.findFirstOrThrow({ select: { id: true } });
await db.user.createMany({
  data: [
    {
      organizationId,
      email: ADMIN.email,
      firstName: "Ola",
      lastName: "Admin",
      role: "ADMIN",
      permissions: ["VIEW_APPS"],
      passwordHash: await hashPassword(ADMIN.password),
    },
    { organizationId, email: MEMBER.email, firstName: "Mia", lastName: "Member", role: "MEMBER", passwordHash: await hashPassword(MEMBER.password) },
    {
      organizationId,
      email: PEOPLE_ADMIN.email,
      firstName: "Paula",
      lastName: "People",
      role: "ADMIN",
      permissions: ["MANAGE_USERS"],
      passwordHash: await hashPassword(PEOPLE_ADMIN.password),
    },
  ],
});
// The permission walk's Admins and marked data (e2e/permissions.spec.ts).
await (await import("./permission-walk-data")).seedPermissionWalk(db, hashPassword);
// The groups the app-groups journey assigns (e2e/app-groups.spec.ts).
await (await import("./app-groups-data")).seedAppGroups(db);
await db.$disconnect();

ensureProductionBuild();
const web = spawn(process.execPath, ["--import", "tsx", path.join(root, "scripts/web-server.ts"), "--port", port], {
  cwd: root,
  env: { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1", HOST: "127.0.0.1", ROSTER_TRUSTED_PROXIES: "127.0.0.3" },
  stdio: "inherit",
});

// The provisioning worker, as `npm start` runs it.
const worker = spawn(process.execPath, WORKER_ARGS, {
  cwd: root,
  env: { ...process.env, WORKER_QUIET: "1" },
  stdio: "inherit",
});

let stopping = false;
async function stop() {
  if (stopping) return;
  stopping = true;
  for (const child of [web, worker]) child.kill("SIGTERM");
  await Promise.all(
    [web, worker].map(
      (child) => new Promise((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve(null) : child.once("exit", resolve))),
    ),
  );
  await withAdminClient(server.adminUrl, (client) => client.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`)).catch(() => {});
  await server.stop();
  process.exit(0);
}
process.on("SIGTERM", () => void stop());
process.on("SIGINT", () => void stop());
web.on("exit", () => void stop());
worker.on("exit", () => void stop());
