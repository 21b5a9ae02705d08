"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { defineAction } from "@/lib/actions/define-action";
import { getRequestMeta } from "@/lib/auth/request-meta";
import { addApp } from "@/lib/provisioning/apps/manage-apps";

export const addAppAction = defineAction({ input: z.object({ catalogKey: z.string().max(50) }), access: "assign apps" }, async ({ catalogKey }, session) => {
  const { ip } = await getRequestMeta();
  const app = await addApp(catalogKey, { organizationId: session!.organization.id, actor: { id: session!.userId, label: session!.email }, ip });
  revalidatePath("/applications");
  return app;
});
