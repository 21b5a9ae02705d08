/**
 * Before each integration test file (`*.int.test.ts`): a database of its own,
 * copied from the migrated template, exposed as DATABASE_URL before any module
 * that reads the environment is imported. Unit test files get none.
 */
import { randomBytes } from "node:crypto";
import { expect, inject } from "vitest";
import { createDatabaseFromTemplate } from "./test-database-server";

process.env.SESSION_SECRET ??= "test-session-secret-that-is-long-enough-0123456789";
process.env.ROSTER_ENCRYPTION_KEY ??= randomBytes(32).toString("base64");

const testPath = expect.getState().testPath ?? "";
if (/\.int\.test\.tsx?$/.test(testPath)) {
  const name = `${inject("databasePrefix")}${randomBytes(5).toString("hex")}`;
  process.env.DATABASE_URL = await createDatabaseFromTemplate(inject("databaseAdminUrl"), name, inject("templateDatabase"));
}
