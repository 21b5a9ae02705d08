/**
 * Once per `vitest run`: a PostgreSQL server, and a template database with
 * every migration applied. Each test file then gets its own copy of the
 * template (scripts/testing/vitest-database.ts), so files never share state.
 */
import { randomBytes } from "node:crypto";
import type { TestProject } from "vitest/node";
import { applyMigrations } from "../migrate";
import { databaseUrl, dropDatabasesWithPrefix, startTestDatabaseServer, withAdminClient } from "./test-database-server";

declare module "vitest" {
  export interface ProvidedContext {
    databaseAdminUrl: string;
    templateDatabase: string;
    databasePrefix: string;
  }
}

export default async function setup(project: TestProject) {
  const server = await startTestDatabaseServer("vitest");
  const prefix = `roster_t_${randomBytes(3).toString("hex")}_`;
  const template = `${prefix}template`;
  await withAdminClient(server.adminUrl, (client) => client.query(`CREATE DATABASE "${template}"`));
  await applyMigrations(databaseUrl(server.adminUrl, template));

  project.provide("databaseAdminUrl", server.adminUrl);
  project.provide("templateDatabase", template);
  project.provide("databasePrefix", prefix);

  return async () => {
    await dropDatabasesWithPrefix(server.adminUrl, prefix);
    await server.stop();
  };
}
