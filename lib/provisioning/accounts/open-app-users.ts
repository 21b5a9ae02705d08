import "server-only";
import { AppError } from "../../app-error";
import { db } from "../../db";
import { isScimError } from "../../scim";
import { APP_CONNECTION_SELECT, userCallsFor } from "../sync/app-clients";

const STATE_WORDS = { DRAFT: "is not set up yet", PAUSED: "is paused", QUARANTINED: "is quarantined" } as const;

/**
 * The app's SCIM user calls for an admin's request about its accounts (search, link), through the
 * same per-app client as the sync, so the app's limits hold. Only an active app: a paused or
 * quarantined one has a connection nobody has checked, and a draft one none at all.
 */
export async function openAppUsers(organizationId: string, appId: string) {
  const app = await db.app.findFirst({
    where: { id: appId, organizationId },
    select: { ...APP_CONNECTION_SELECT, name: true, catalogKey: true, state: true },
  });
  if (!app) throw new AppError("not_found", "This app no longer exists.");
  if (app.state !== "ACTIVE") {
    throw new AppError(
      "unavailable",
      `Provisioning to ${app.name} ${STATE_WORDS[app.state]}, so Roster cannot look at its accounts. Resume it first, then try again.`,
    );
  }
  return { app: { id: app.id, name: app.name, catalogKey: app.catalogKey }, users: userCallsFor(app) };
}

/** A SCIM failure while an admin waits, as an answer in plain words (the client's messages already are). */
export function appUnavailable(error: unknown, appName: string): never {
  if (!isScimError(error)) throw error;
  throw new AppError("unavailable", `${appName} did not answer as expected: ${error.message}`);
}
