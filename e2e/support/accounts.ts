/** The accounts the end-to-end server seeds (e2e/support/serve.ts) and the specs sign in with. */
export const OWNER = { email: "priya.raman@halden.example", password: "e2e-owner-password-1" };
export const ADMIN = { email: "ops.admin@halden.example", password: "e2e-admin-password-1" };
export const MEMBER = { email: "mia.member@halden.example", password: "e2e-member-password-1" };
/** An Admin who may manage people but not see apps. */
export const PEOPLE_ADMIN = { email: "paula.people@halden.example", password: "e2e-people-admin-password-1" };

/**
 * The Admins the permission walk (e2e/permissions.spec.ts) signs in as: each lacks exactly one capability
 * ("manage organization" is an Owner's alone, so that one holds all four permissions), and one has none.
 * They are demo people promoted by e2e/support/serve.ts, so that the directory's head count stays as it was.
 */
export const WALK_ADMINS = [
  { lacks: "view apps", email: "mei.tanaka@halden.example", password: "e2e-walk-password-1", permissions: ["ASSIGN_APPS", "IMPORT_USERS", "MANAGE_USERS"] },
  { lacks: "assign apps", email: "sofia.rossi@halden.example", password: "e2e-walk-password-2", permissions: ["VIEW_APPS", "IMPORT_USERS", "MANAGE_USERS"] },
  { lacks: "import users", email: "arjun.mehta@halden.example", password: "e2e-walk-password-3", permissions: ["VIEW_APPS", "ASSIGN_APPS", "MANAGE_USERS"] },
  { lacks: "manage users", email: "elena.popescu@halden.example", password: "e2e-walk-password-4", permissions: ["VIEW_APPS", "ASSIGN_APPS", "IMPORT_USERS"] },
  {
    lacks: "manage organization",
    email: "oliver.nguyen@halden.example",
    password: "e2e-walk-password-5",
    permissions: ["VIEW_APPS", "ASSIGN_APPS", "IMPORT_USERS", "MANAGE_USERS"],
  },
  { lacks: "every permission", email: "noah.williams@halden.example", password: "e2e-walk-password-6", permissions: [] },
] as const;
