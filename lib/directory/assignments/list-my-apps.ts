import "server-only";
import { db, type Tx } from "../../db";
import { listPeopleApps } from "./list-people-apps";

/** One tile of My apps: an app the person has, and whether they can sign in to it from Roster yet. */
export interface MyApp {
  appId: string;
  name: string;
  /** Directly, through these groups, or both (the same rule as the person's page). */
  direct: boolean;
  groups: string[];
  /** Where the tile leads: Roster's SAML sign-in for the app, once single sign-on is set up for it. */
  signInPath: string | null;
}

/** The SAML sign-in of an app: IdP-initiated single sign-on starts here. */
export const ssoStartPath = (appId: string) => `/sso/saml/${appId}/start`;

/**
 * The apps a person has, directly or through any group assigned to the app, for their My apps page. No app is
 * ready for single sign-on until an app's SAML settings exist (built beside this, in lib/provisioning/sso): then
 * `ssoReadyApps` answers which of these apps have them, and only those tiles become links.
 */
export async function listMyApps(
  organizationId: string,
  userId: string,
  ssoReadyApps: (appIds: readonly string[]) => Promise<ReadonlySet<string>> = async () => new Set(),
  client: Tx = db,
): Promise<MyApp[]> {
  const apps = (await listPeopleApps(organizationId, [userId], client)).get(userId) ?? [];
  const ready = await ssoReadyApps(apps.map((app) => app.appId));
  return apps.map((app) => ({ ...app, signInPath: ready.has(app.appId) ? ssoStartPath(app.appId) : null }));
}
