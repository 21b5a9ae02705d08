"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { defineAction } from "@/lib/actions/define-action";
import { getRequestMeta } from "@/lib/auth/request-meta";
import type { CurrentSession } from "@/lib/auth/session";
import { configureProvisioning } from "@/lib/provisioning/apps/configure-provisioning";
import { configureProvisioningInput } from "@/lib/provisioning/schemas/provisioning";

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
