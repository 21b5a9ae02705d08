import { describe, expect, it } from "vitest";
import { verifyPassword } from "../lib/auth/password";
import { db } from "../lib/db";
import { seedDemo } from "./seed";

describe("seedDemo", () => {
  it("creates one organization with about fifty people and an Owner, once", async () => {
    const first = await seedDemo();
    expect(first.seeded).toBe(true);
    expect(first.owner?.password).toMatch(/^[A-Za-z0-9_-]{16}$/);

    const people = await db.user.findMany({ select: { email: true, department: true, role: true, passwordHash: true } });
    expect(people.length).toBeGreaterThanOrEqual(45);
    expect(people.length).toBeLessThanOrEqual(60);
    expect(new Set(people.map((person) => person.department)).size).toBeGreaterThanOrEqual(6);
    expect(new Set(people.map((person) => person.email)).size).toBe(people.length);

    const owner = people.find((person) => person.role === "OWNER")!;
    expect(owner.email).toBe(first.owner?.email);
    expect(owner.passwordHash).not.toContain(first.owner!.password);
    expect(await verifyPassword(owner.passwordHash!, first.owner!.password)).toBe(true);

    expect(await seedDemo()).toEqual({ seeded: false });
    expect(await db.organization.count()).toBe(1);
  });
});
