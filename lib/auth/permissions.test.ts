import { describe, expect, it } from "vitest";
import { can, canManageSignInOf, hasAdminAccess, type Capability, type Principal } from "./permissions";

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

  it("lets an Owner act on anyone's sign-in, an Admin who manages users on people who are not admins, and nobody else", () => {
    const targets = [{ role: null }, { role: "MEMBER" }, { role: "ADMIN" }, { role: "OWNER" }] as const;
    expect(targets.map((target) => canManageSignInOf(owner, target))).toEqual([true, true, true, true]);
    expect(targets.map((target) => canManageSignInOf(fullAdmin, target))).toEqual([true, true, false, false]);
    expect(targets.map((target) => canManageSignInOf(viewer, target))).toEqual([false, false, false, false]);
    expect(targets.map((target) => canManageSignInOf(member, target))).toEqual([false, false, false, false]);
  });
});
