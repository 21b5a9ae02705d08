"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/actions/define-action";
import { getRequestMeta } from "@/lib/auth/request-meta";
import { addApp } from "@/lib/provisioning/apps/manage-apps";
import { addAppInput } from "@/lib/provisioning/schemas/app-lifecycle";

export const addAppAction = defineAction({ input: addAppInput, access: "assign apps" }, async ({ catalogKey, name }, session) => {
  const { ip } = await getRequestMeta();
  const app = await addApp(catalogKey, { organizationId: session!.organization.id, actor: { id: session!.userId, label: session!.email }, ip }, name);
  revalidatePath("/applications");
  return app;
});
