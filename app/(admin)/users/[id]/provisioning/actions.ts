"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { defineAction } from "@/lib/actions/define-action";
import { getRequestMeta } from "@/lib/auth/request-meta";
import { provisionUserNow } from "@/lib/provisioning/sync/provision-now";

/** "Provision now" on the person page: reconcile this person in this app right away and report each step. */
export const provisionUserNowAction = defineAction(
  { input: z.object({ appId: z.uuid(), userId: z.uuid() }), access: ["view apps", "assign apps"] },
  async ({ appId, userId }, session) => {
    const context = { organizationId: session!.organization.id, actor: { id: session!.userId, label: session!.email }, ip: (await getRequestMeta()).ip };
    const result = await provisionUserNow(appId, userId, context);
    revalidatePath(`/users/${userId}`);
    revalidatePath(`/applications/${appId}`, "layout");
    return result;
  },
);
