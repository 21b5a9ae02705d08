"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { defineAction } from "@/lib/actions/define-action";
import { getRequestMeta } from "@/lib/auth/request-meta";
import type { CurrentSession } from "@/lib/auth/session";
import { authorizeApp } from "@/lib/provisioning/apps/authorize-app";
import { configureProvisioning } from "@/lib/provisioning/apps/configure-provisioning";
import { previewMapping, saveMapping } from "@/lib/provisioning/apps/field-mappings";
import { saveSyncActions } from "@/lib/provisioning/apps/save-sync-actions";
import { configureProvisioningInput, saveMappingInput, syncActionsInput } from "@/lib/provisioning/schemas/provisioning";

async function appContext(session: CurrentSession) {
  return { organizationId: session.organization.id, actor: { id: session.userId, label: session.email }, ip: (await getRequestMeta()).ip };
}

export const configureProvisioningAction = defineAction(
  { input: configureProvisioningInput.extend({ appId: z.uuid() }), access: "assign apps" },
  async ({ appId, ...input }, session) => {
    const result = await configureProvisioning(appId, input, await appContext(session!));
    revalidatePath(`/applications/${appId}`, "layout");
    return result;
  },
);

export const saveMappingAction = defineAction({ input: saveMappingInput, access: "assign apps" }, async ({ appId, rules }, session) => {
  const result = await saveMapping(appId, rules, await appContext(session!));
  revalidatePath(`/applications/${appId}`, "layout");
  return result;
});

export const previewMappingAction = defineAction(
  { input: saveMappingInput.extend({ userId: z.uuid() }), access: "view apps" },
  async ({ appId, userId, rules }, session) => previewMapping(session!.organization.id, appId, userId, rules),
);

export const saveSyncActionsAction = defineAction({ input: syncActionsInput, access: "assign apps" }, async (input, session) => {
  const result = await saveSyncActions(input, await appContext(session!));
  revalidatePath(`/applications/${input.appId}`, "layout");
  revalidatePath("/applications");
  return result;
});

export const authorizeAppAction = defineAction({ input: z.object({ appId: z.uuid() }), access: ["view apps", "assign apps"] }, async ({ appId }, session) => {
  const result = await authorizeApp(appId, await appContext(session!));
  revalidatePath(`/applications/${appId}`, "layout");
  return result;
});
