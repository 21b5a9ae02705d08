import "server-only";
import { db } from "../db";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The app, when `appId` names one of the organization's apps; null for anything else (a malformed id included). */
export async function findSsoApp(organizationId: string, appId: string): Promise<{ id: string; name: string; catalogKey: string } | null> {
  if (!UUID.test(organizationId) || !UUID.test(appId)) return null;
  return db.app.findFirst({ where: { id: appId, organizationId }, select: { id: true, name: true, catalogKey: true } });
}

/** Whether `value` can be an id at all: the routes answer a plain "not found" before asking the database. */
export function isRosterId(value: string): boolean {
  return UUID.test(value);
}

/** Which of these apps have single sign-on switched on, for My apps' tiles. */
export async function ssoReadyApps(appIds: readonly string[]): Promise<ReadonlySet<string>> {
  if (appIds.length === 0) return new Set();
  const rows = await db.samlAppSettings.findMany({ where: { appId: { in: [...appIds] }, enabled: true }, select: { appId: true } });
  return new Set(rows.map((row) => row.appId));
}
