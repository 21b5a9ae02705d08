import { describe, expect, it } from "vitest";
import { can, hasAdminAccess, type Capability, type Principal } from "./permissions";

const owner: Principal = { role: "OWNER", permissions: [] };
const fullAdmin: Principal = { role: "ADMIN", permissions: ["VIEW_APPS", "ASSIGN_APPS", "IMPORT_USERS", "MANAGE_USERS"] };
const viewer: Principal = { role: "ADMIN", permissions: ["VIEW_APPS"] };
const member: Principal = { role: "MEMBER", permissions: ["VIEW_APPS", "MANAGE_USERS"] };
const person: Principal = { role: null, permissions: [] };

describe("permissions", () => {
  it.each<[string, Principal, Capability, boolean]>([
    ["owner", owner, "view apps", true],
    ["owner", owner, "manage organization", true],
    ["owner", owner, "import users", true],
    ["full admin", fullAdmin, "assign apps", true],
    ["full admin", fullAdmin, "manage users", true],
    ["full admin", fullAdmin, "manage organization", false],
    ["viewer admin", viewer, "view apps", true],
    ["viewer admin", viewer, "assign apps", false],
    ["viewer admin", viewer, "import users", false],
    ["member with stray permissions", member, "view apps", false],
    ["member with stray permissions", member, "manage users", false],
    ["directory person", person, "view apps", false],
  ])("%s → %s: %s", (_label, principal, capability, expected) => {
    expect(can(principal, capability)).toBe(expected);
  });

  it("gives admin access to Owners and Admins only", () => {
    expect([owner, fullAdmin, viewer, member, person].map(hasAdminAccess)).toEqual([true, true, true, false, false]);
  });
});
