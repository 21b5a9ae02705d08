/**
 * What every page and route handler under app/ needs, by URL pattern (route groups removed). Pure, so the
 * no-access page can name what a page needs. Each page starts with `await requirePagePermission(…)` and each
 * route handler with `await requirePermission(…)`, naming exactly these; e2e/permissions.spec.ts reads the
 * sources and fails on a route missing here or checking something else, and walks every route to prove it.
 */
import type { Capability } from "./permissions";

/** "signed in": any active person with a session (the people's pages); "admin access": an Owner or Admin. */
export type RouteAccess = Capability | "admin access" | "signed in" | "public";

const APP = "/applications/[appId]";

export const ROUTE_PERMISSIONS: Record<string, readonly RouteAccess[]> = {
  "/sign-in": ["public"],
  "/api/health": ["public"],
  "/set-password/[token]": ["public"],
  // The second step of signing in: each page shows itself only to a sign-in whose password was right.
  "/sign-in/two-step": ["public"],
  "/sign-in/two-step/setup": ["public"],
  "/my-apps": ["signed in"],
  "/two-step": ["signed in"],
  "/": ["admin access"],
  "/audit-log": ["admin access"],
  "/audit-log/export": ["admin access"],
  // The same as the audit log.
  "/sign-in-log": ["admin access"],
  "/sign-in-log/export": ["admin access"],
  "/settings": ["admin access"],
  "/settings/domains": ["admin access"],
  "/admins": ["manage organization"],
  "/account/password": ["admin access"],
  "/users": ["admin access"],
  "/users/export": ["admin access"],
  // Any admin sees a person; their accounts in apps need "view apps" (the section checks for itself).
  "/users/[id]": ["admin access"],
  "/users/new": ["manage users"],
  "/users/[id]/edit": ["manage users"],
  "/users/import": ["manage users"],
  "/users/import/[id]": ["manage users"],
  "/users/import/upload": ["manage users"],
  "/groups": ["admin access"],
  "/groups/[id]": ["admin access"],
  "/applications": ["view apps"],
  "/provisioning-log": ["view apps"],
  "/provisioning-log/export": ["view apps"],
  [APP]: ["view apps"],
  [`${APP}/users`]: ["view apps"],
  [`${APP}/log`]: ["view apps"],
  [`${APP}/log/export`]: ["view apps"],
  [`${APP}/sync/run`]: ["view apps"],
  [`${APP}/provisioning`]: ["view apps"],
  [`${APP}/provisioning/configure`]: ["view apps"],
  [`${APP}/provisioning/authorize`]: ["view apps"],
  [`${APP}/provisioning/mapping`]: ["view apps"],
  [`${APP}/provisioning/actions`]: ["view apps"],
  [`${APP}/import`]: ["view apps", "import users"],
  [`${APP}/import/status`]: ["view apps", "import users"],
  [`${APP}/settings`]: ["view apps"],
  [`${APP}/sso`]: ["view apps"],
  // Single sign-on: apps and people reach these without a Roster session; each checks what it needs itself
  // (the SSO URL and IdP-initiated start send people to the sign-in page, then check the assignment).
  "/sso/saml/[id]/apps/[appId]": ["public"],
  "/sso/saml/[id]/apps/[appId]/metadata": ["public"],
  "/sso/saml/[id]/certificate": ["public"],
  "/sso/saml/[id]/start": ["public"],
};

/** The permissions (not "admin access") the page at `pathname` needs, or none when no route matches it. */
export function permissionsForPath(pathname: string): Capability[] {
  const parts = pathname.replace(/\/+$/, "").split("/");
  const dynamic = (segment: string) => /^\[\w+\]$/.test(segment);
  const matches = Object.entries(ROUTE_PERMISSIONS)
    .map(([pattern, needs]) => ({ segments: pattern.replace(/\/+$/, "").split("/"), needs }))
    .filter(({ segments }) => segments.length === parts.length && segments.every((segment, index) => dynamic(segment) || segment === parts[index]))
    // `/users/new` before `/users/[id]`: the pattern with the fewest dynamic segments wins, as in Next's router.
    .sort((a, b) => a.segments.filter(dynamic).length - b.segments.filter(dynamic).length);
  return (matches[0]?.needs ?? []).filter((access): access is Capability => access !== "admin access" && access !== "signed in" && access !== "public");
}
