import "server-only";
import { recordSignIn } from "../../audit/record-sign-in";
import { db } from "../../db";
import { MY_APPS_PATH } from "../require";
import type { RequestMeta } from "../request-meta";
import { carryReturnTo, returnToOr } from "../return-to";
import { createSession } from "../session";
import { writeSessionId } from "../session-cookie";
import { secondStepOwed } from "./requirement";

export const SECOND_STEP_PATH = "/sign-in/two-step";
export const ENROL_STEP_PATH = "/sign-in/two-step/setup";

/** Where a signed-in person lands: admins on the admin panel, everyone else on My apps. */
export const landingPath = (adminAccess: boolean) => (adminAccess ? "/" : MY_APPS_PATH);

/**
 * After a right password: a full session, or, when a second step is owed (a code, or setting up an authenticator
 * the organization requires), a pending one that only opens that step. Answers where the browser goes next: the
 * step owed, carrying `returnTo` (an app's single sign-on request waiting for this person) along; else `returnTo`
 * when it is safe, else the landing page. `returnTo` is checked here (safeReturnTo), whatever the caller did.
 */
export async function beginSession(
  userId: string,
  adminAccess: boolean,
  meta: RequestMeta,
  { method = "password", returnTo = null }: { method?: string; returnTo?: string | null } = {},
): Promise<string> {
  const step = await secondStepOwed(userId);
  await writeSessionId(await createSession(userId, meta, step), meta.secure);
  // Signed in now, unless a second step is still owed (its own path records the outcome).
  if (!step) await recordSignInOf(userId, { outcome: "SUCCEEDED", method, ip: meta.ip });
  if (step === "CODE") return carryReturnTo(SECOND_STEP_PATH, returnTo);
  if (step === "ENROL") return carryReturnTo(ENROL_STEP_PATH, returnTo);
  return returnToOr(landingPath(adminAccess), returnTo);
}

/** A sign-in log line for a person, by id (their organization and e-mail read here). */
export async function recordSignInOf(
  userId: string,
  event: { outcome: "SUCCEEDED" | "FAILED"; reason?: "wrong_code" | "rate_limited" | null; method?: string | null; ip: string | null },
): Promise<void> {
  const user = await db.user.findUniqueOrThrow({ where: { id: userId }, select: { organizationId: true, email: true } });
  await recordSignIn(db, { organizationId: user.organizationId, person: { id: userId, label: user.email }, ...event });
}
