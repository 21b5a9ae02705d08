"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/actions/define-action";
import { getRequestMeta } from "@/lib/auth/request-meta";
import type { CurrentSession } from "@/lib/auth/session";
import { deleteApp, previewAppDeletion } from "@/lib/provisioning/apps/delete-app";
import { renameApp } from "@/lib/provisioning/apps/manage-apps";
import { stopProvisioning } from "@/lib/provisioning/apps/stop-provisioning";
import { appIdInput, deleteAppInput, renameAppInput } from "@/lib/provisioning/schemas/app-lifecycle";

async function appContext(session: CurrentSession) {
  return { organizationId: session.organization.id, actor: { id: session.userId, label: session.email }, ip: (await getRequestMeta()).ip };
}

function revalidateApp(appId: string) {
  revalidatePath(`/applications/${appId}`, "layout");
  revalidatePath("/applications");
}

export const renameAppAction = defineAction({ input: renameAppInput, access: "assign apps" }, async ({ appId, name }, session) => {
  const result = await renameApp(appId, name, await appContext(session!));
  revalidateApp(appId);
  return result;
});

/** "Stop provisioning": pauses the app until Resume (the Overview's and this page's Resume is resumeAppAction). */
export const stopProvisioningAction = defineAction({ input: appIdInput, access: "assign apps" }, async ({ appId }, session) => {
  const result = await stopProvisioning(appId, await appContext(session!));
  revalidateApp(appId);
  return result;
});

/** What deleting would affect: the accounts in the app, and how many a deactivation would turn off (a dry run). */
export const previewAppDeletionAction = defineAction({ input: appIdInput, access: "assign apps" }, async ({ appId }, session) => {
  return previewAppDeletion(session!.organization.id, appId);
});

export const deleteAppAction = defineAction({ input: deleteAppInput, access: "assign apps" }, async (input, session) => {
  const result = await deleteApp(input, await appContext(session!));
  revalidateApp(input.appId);
  return result;
});
