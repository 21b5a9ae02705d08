/**
 * Test fixtures for integration tests: an organization with people in the
 * test file's own database. Not imported by application code.
 */
import { randomUUID } from "node:crypto";
import { db } from "../db";
import { hashPassword } from "../auth/password";
import type { PermissionCode, RoleName } from "../auth/permissions";

export async function makeOrganization(name = "Test Org") {
  return db.organization.create({ data: { name, plan: "STANDARD" }, select: { id: true, name: true, plan: true } });
}

export async function makePerson(
  organizationId: string,
  options: { email?: string; role?: RoleName; permissions?: PermissionCode[]; password?: string; status?: "ACTIVE" | "INACTIVE" } = {},
) {
  const email = options.email ?? `person-${randomUUID().slice(0, 8)}@example.com`;
  return db.user.create({
    data: {
      organizationId,
      email,
      firstName: "Test",
      lastName: "Person",
      role: options.role ?? null,
      permissions: options.permissions ?? [],
      status: options.status ?? "ACTIVE",
      passwordHash: options.password ? await hashPassword(options.password) : null,
    },
    select: { id: true, email: true, organizationId: true },
  });
}
