import "server-only";
import { redirect } from "next/navigation";
import { AppError } from "../app-error";
import { can, type Capability } from "./permissions";
import { getCurrentSession, type CurrentSession } from "./session";

/** For pages: the signed-in admin, or a redirect to the sign-in page. */
export async function requireSession(): Promise<CurrentSession> {
  const session = await getCurrentSession();
  if (!session) redirect("/sign-in");
  return session;
}

/** For server actions and route handlers: the signed-in admin holding `capability`, or an AppError. */
export async function requirePermission(capability: Capability | "admin access"): Promise<CurrentSession> {
  const session = await getCurrentSession();
  if (!session) throw new AppError("unauthenticated", "Your session has ended. Sign in again to continue.");
  if (capability !== "admin access" && !can(session, capability)) {
    throw new AppError("forbidden", `You need the “${capability}” permission to do this. Ask an Owner of your organization.`);
  }
  return session;
}
