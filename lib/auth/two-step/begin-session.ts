import "server-only";
import { MY_APPS_PATH } from "../require";
import type { RequestMeta } from "../request-meta";
import { createSession } from "../session";
import { writeSessionId } from "../session-cookie";
import { secondStepOwed } from "./requirement";

export const SECOND_STEP_PATH = "/sign-in/two-step";
export const ENROL_STEP_PATH = "/sign-in/two-step/setup";

/** Where a signed-in person lands: admins on the admin panel, everyone else on My apps. */
export const landingPath = (adminAccess: boolean) => (adminAccess ? "/" : MY_APPS_PATH);

/**
 * After a right password: a full session, or, when a second step is owed (a code, or setting up an authenticator
 * the organization requires), a pending one that only opens that step. Answers where the browser goes next.
 */
export async function beginSession(userId: string, adminAccess: boolean, meta: RequestMeta): Promise<string> {
  const step = await secondStepOwed(userId);
  await writeSessionId(await createSession(userId, meta, step), meta.secure);
  if (step === "CODE") return SECOND_STEP_PATH;
  if (step === "ENROL") return ENROL_STEP_PATH;
  return landingPath(adminAccess);
}
