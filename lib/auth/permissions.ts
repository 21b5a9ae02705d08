/**
 * Roles and permissions. Pure: usable on the server and in components that
 * decide what to show (the server still checks every action on its own).
 */
export const ROLES = ["OWNER", "ADMIN", "MEMBER"] as const;
export type RoleName = (typeof ROLES)[number];

export const PERMISSIONS = {
  "view apps": "VIEW_APPS",
  "assign apps": "ASSIGN_APPS",
  "import users": "IMPORT_USERS",
  "manage users": "MANAGE_USERS",
} as const;

export type PermissionName = keyof typeof PERMISSIONS;
export type PermissionCode = (typeof PERMISSIONS)[PermissionName];
/** Only an Owner may change the organization itself (name, plan). */
export type Capability = PermissionName | "manage organization";

export interface Principal {
  role: RoleName | null;
  permissions: readonly PermissionCode[];
}

export const ROLE_LABELS: Record<RoleName, string> = { OWNER: "Owner", ADMIN: "Admin", MEMBER: "Member" };

/** Members (and directory people without a role) have no admin access at all. */
export function hasAdminAccess(principal: Principal): boolean {
  return principal.role === "OWNER" || principal.role === "ADMIN";
}

export function can(principal: Principal, capability: Capability): boolean {
  if (principal.role === "OWNER") return true;
  if (principal.role !== "ADMIN" || capability === "manage organization") return false;
  return principal.permissions.includes(PERMISSIONS[capability]);
}

/**
 * Who may act on another person's sign-in (create their password link, reset their two-step sign-in): an Owner
 * for anyone, an Admin with "manage users" for people who are not admins themselves.
 */
export function canManageSignInOf(actor: Principal, person: { role: RoleName | null }): boolean {
  return hasAdminAccess({ role: person.role, permissions: [] }) ? actor.role === "OWNER" : can(actor, "manage users");
}

/** The permissions a newly made Admin gets unless an Owner narrows them. */
export const DEFAULT_ADMIN_PERMISSIONS: PermissionCode[] = Object.values(PERMISSIONS);
