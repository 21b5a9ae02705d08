/**
 * The process's Prisma client prepares its queries on the connection (lib/db.ts with lib/prepared-statements.ts):
 * PostgreSQL keeps them, a second call runs the kept statement, and a long list of ids is not kept.
 */
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "./db";

const kept = (tx: Pick<typeof db, "$queryRaw">) =>
  tx.$queryRaw<{ name: string; statement: string }[]>`SELECT name, statement FROM pg_prepared_statements WHERE name LIKE 'roster\\_%'`;

describe("prepared statements", () => {
  it("keeps a query on its connection and runs it again from there", async () => {
    const marker = randomUUID();
    await db.$transaction(async (tx) => {
      // One connection for the whole transaction, so what it keeps can be read back.
      await tx.user.findMany({ where: { email: `${marker}@example.com` }, select: { id: true } });
      await tx.user.findMany({ where: { email: `${marker}@example.com` }, select: { id: true } });
      const statements = await kept(tx);
      const users = statements.filter((row) => row.statement.includes('FROM "public"."users"') && row.statement.includes('"email"'));
      expect(users).toHaveLength(1);
    });
  });

  it("does not keep a query whose text grows with a list of ids", async () => {
    const ids = Array.from({ length: 40 }, () => randomUUID());
    await db.$transaction(async (tx) => {
      await tx.user.findMany({ where: { id: { in: ids } }, select: { id: true } });
      const statements = await kept(tx);
      expect(statements.some((row) => row.statement.includes("$40"))).toBe(false);
    });
  });
});
