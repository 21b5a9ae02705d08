import "server-only";
import { forbidden, redirect } from "next/navigation";
import { AppError } from "../app-error";
import { can, type Capability } from "./permissions";
import { getCurrentPersonSession, getCurrentSession, type CurrentSession, type PersonSession } from "./session";

/** Where a signed-in person without admin access belongs. */
export const MY_APPS_PATH = "/my-apps";

/**
 * For pages of the admin panel: the signed-in admin. Someone signed in without admin access is sent to My apps;
 * someone not signed in, to the sign-in page.
 */
export async function requireSession(): Promise<CurrentSession> {
  const session = await getCurrentSession();
  if (session) return session;
  if (await getCurrentPersonSession()) redirect(MY_APPS_PATH);
  redirect("/sign-in");
}

/** For the people's pages (My apps): any signed-in active person, or a redirect to the sign-in page. */
export async function requirePersonSession(): Promise<PersonSession> {
  const session = await getCurrentPersonSession();
  if (!session) redirect("/sign-in");
  return session;
}

/**
 * The first line of every page: the signed-in admin holding every one of `needed`. Without a session it
 * redirects to the sign-in page; without a permission it stops rendering with the no-access page (a 403,
 * app/(admin)/forbidden.tsx) before the page loads anything. Layouts render beside their pages, not before
 * them, so a check in a layout does not stop a page from loading and sending its data: each page checks.
 */
export async function requirePagePermission(access: "signed in"): Promise<PersonSession>;
export async function requirePagePermission(...needed: [Capability | "admin access", ...Capability[]]): Promise<CurrentSession>;
export async function requirePagePermission(...needed: [Capability | "admin access" | "signed in", ...Capability[]]): Promise<PersonSession> {
  if (needed[0] === "signed in") return requirePersonSession();
  const session = await requireSession();
  if (missingCapability(session, needed)) forbidden();
  return session;
}

/** For server actions and route handlers: the signed-in admin holding every one of `needed`, or an AppError. */
export async function requirePermission(...needed: [Capability | "admin access", ...Capability[]]): Promise<CurrentSession> {
  const session = await getCurrentSession();
  if (!session) {
    if (await getCurrentPersonSession())
      throw new AppError("forbidden", "This needs access to the admin panel. Ask an Owner of your organization if you need it.");
    throw new AppError("unauthenticated", "Your session has ended. Sign in again to continue.");
  }
  const missing = missingCapability(session, needed);
  if (missing) throw new AppError("forbidden", `You need the “${missing}” permission to do this. Ask an Owner of your organization.`);
  return session;
}

function missingCapability(session: CurrentSession, needed: readonly (Capability | "admin access" | "signed in")[]): Capability | undefined {
  return needed.find((capability): capability is Capability => capability !== "admin access" && capability !== "signed in" && !can(session, capability));
}
