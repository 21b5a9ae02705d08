/**
 * Who may use the admin panel: the Admins page's inputs, checked the same way in its dialogs and on the server.
 * Pure zod: safe to import in the browser.
 */
import { z } from "zod";
import { PERMISSIONS, type PermissionCode } from "../../auth/permissions";
import { searchText } from "../../http/search-text";

export const PERMISSION_CODES = Object.values(PERMISSIONS) as [PermissionCode, ...PermissionCode[]];

/** The permissions in the words the Admins page uses, in the order it lists them. */
export const PERMISSION_LABELS: Record<PermissionCode, string> = {
  VIEW_APPS: "View apps",
  ASSIGN_APPS: "Assign apps",
  IMPORT_USERS: "Import users",
  MANAGE_USERS: "Manage users",
};

export const PERMISSION_HINTS: Record<PermissionCode, string> = {
  VIEW_APPS: "See apps, their settings and the provisioning log.",
  ASSIGN_APPS: "Give people and groups apps, and take them away.",
  IMPORT_USERS: "Import people from an app.",
  MANAGE_USERS: "Add, edit, deactivate and delete people and groups, and import CSV files.",
};

const userId = z.uuid({ error: "Pick a person from the list." });

/** Make someone an Admin with these permissions, or an Owner (who holds every permission). */
export const adminAccessInput = z.object({
  userId,
  role: z.enum(["OWNER", "ADMIN"], { error: "Choose Owner or Admin." }),
  permissions: z.array(z.enum(PERMISSION_CODES)).max(PERMISSION_CODES.length),
});
export type AdminAccessInput = z.infer<typeof adminAccessInput>;

export const adminUserInput = z.object({ userId });
export type AdminUserInput = z.infer<typeof adminUserInput>;

export const adminCandidateSearchInput = z.object({ query: searchText });
