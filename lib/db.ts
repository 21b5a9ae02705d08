/**
 * The one Prisma client of the process. Created on first use, so that importing
 * a module that queries does not need a database (for example during `next build`).
 */
import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "./generated/prisma/client";
import { readEnv } from "./env";
import { statementNamer } from "./prepared-statements";

export type Db = PrismaClient;
/** A client inside `db.$transaction(async (tx) => …)`; services accept one to compose. */
export type Tx = Omit<PrismaClient, "$connect" | "$disconnect" | "$on" | "$transaction" | "$extends">;

const globalForDb = globalThis as unknown as { rosterDb?: PrismaClient };

function createClient(): PrismaClient {
  const adapter = new PrismaPg(
    { connectionString: readEnv("DATABASE_URL"), max: readEnv("DATABASE_POOL_SIZE") },
    readEnv("DATABASE_PREPARED_STATEMENTS") ? { statementNameGenerator: statementNamer() } : undefined,
  );
  return new PrismaClient({ adapter });
}

export function getDb(): PrismaClient {
  globalForDb.rosterDb ??= createClient();
  return globalForDb.rosterDb;
}

export const db: PrismaClient = new Proxy({} as PrismaClient, {
  get(_target, property) {
    const client = getDb();
    const value = Reflect.get(client, property, client);
    return typeof value === "function" ? value.bind(client) : value;
  },
});
