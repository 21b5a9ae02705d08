/**
 * On the demo's first start: an Atlassian app already connected to the bundled
 * sandbox, with a few assignments made before Roster "managed" it, so that the
 * import's every filter (New, Update, Activate, Deactivate) has people in it.
 * The assignments are written directly, without reconcile jobs, as if they
 * predated provisioning.
 */
import "server-only";
import { db } from "../lib/db";
import { authorizeApp } from "../lib/provisioning/apps/authorize-app";
import { configureProvisioning } from "../lib/provisioning/apps/configure-provisioning";
import { getMappingRows, saveMapping } from "../lib/provisioning/apps/field-mappings";
import { addApp } from "../lib/provisioning/apps/manage-apps";
import { saveSyncActions } from "../lib/provisioning/apps/save-sync-actions";
import { configureProvisioningInput } from "../lib/provisioning/schemas/provisioning";

/** Tells a newcomer what it is: an Atlassian app connected to the bundled sandbox, not to a real Atlassian. */
export const DEMO_APP_NAME = "Atlassian (demo sandbox)";

export async function seedDemoApp(sandbox: { baseUrl: string; token: string }, people: { email: string }[]): Promise<void> {
  if ((await db.app.count()) > 0) return;
  const owner = await db.user.findFirst({ where: { role: "OWNER" }, select: { id: true, email: true, organizationId: true } });
  if (!owner) return;
  const context = { organizationId: owner.organizationId, actor: { id: owner.id, label: owner.email }, ip: null };
  const { id: appId } = await addApp("atlassian", context, DEMO_APP_NAME);
  await configureProvisioning(appId, configureProvisioningInput.parse({ baseUrl: sandbox.baseUrl, token: sandbox.token }), context);
  if (!(await authorizeApp(appId, context)).ok) return;
  await saveMapping(appId, await getMappingRows(appId), context);
  await saveSyncActions({ appId, syncCreate: true, syncUpdate: true, syncDelete: false, syncActivation: true }, context);

  // Two people the sandbox holds as deactivated, and three it does not have at all.
  const emails = [people[6]?.email, people[13]?.email, people[15]?.email, people[16]?.email, people[17]?.email].filter((email): email is string =>
    Boolean(email),
  );
  const assigned = await db.user.findMany({ where: { organizationId: owner.organizationId, email: { in: emails } }, select: { id: true } });
  await db.assignment.createMany({ data: assigned.map((person) => ({ appId, userId: person.id })), skipDuplicates: true });
}
