/** An app set up through the wizard's own services and pointed at a sandbox, ready to provision. */
import { db } from "../db";
import { authorizeApp } from "../provisioning/apps/authorize-app";
import { configureProvisioning } from "../provisioning/apps/configure-provisioning";
import { getMappingRows, saveMapping } from "../provisioning/apps/field-mappings";
import { addApp } from "../provisioning/apps/manage-apps";
import { saveSyncActions } from "../provisioning/apps/save-sync-actions";
import { configureProvisioningInput } from "../provisioning/schemas/provisioning";
import type { RunningSandbox } from "../sandbox";

export async function makeActiveApp(
  sandbox: Pick<RunningSandbox, "baseUrl" | "token">,
  context: { organizationId: string; actor: { id: string; label: string }; ip: null },
  limits: { maxConcurrency?: number; maxRequestsPerSecond?: number } = {},
): Promise<string> {
  const { id } = await addApp("atlassian", context);
  await configureProvisioning(id, configureProvisioningInput.parse({ baseUrl: sandbox.baseUrl, token: sandbox.token }), context);
  const authorized = await authorizeApp(id, context);
  if (!authorized.ok) throw new Error(`The sandbox did not authorize: ${authorized.problem}`);
  await saveMapping(id, await getMappingRows(id), context);
  await saveSyncActions({ appId: id, syncCreate: true, syncUpdate: true, syncDelete: true, syncActivation: true }, context);
  if (limits.maxConcurrency || limits.maxRequestsPerSecond) await db.app.update({ where: { id }, data: limits });
  return id;
}
