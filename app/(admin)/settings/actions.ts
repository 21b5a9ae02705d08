"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/actions/define-action";
import { getRequestMeta } from "@/lib/auth/request-meta";
import { twoStepRequirementInput } from "@/lib/auth/schemas";
import { setTwoStepRequirement } from "@/lib/auth/two-step/requirement";
import { updateOrganization, updateOrganizationInput } from "@/lib/directory/organization";

export const updateOrganizationAction = defineAction({ input: updateOrganizationInput, access: "manage organization" }, async (input, session) => {
  const { ip } = await getRequestMeta();
  const result = await updateOrganization(session!.organization.id, input, { id: session!.userId, label: session!.email }, ip);
  revalidatePath("/", "layout");
  return result;
});

export const setTwoStepRequirementAction = defineAction({ input: twoStepRequirementInput, access: "manage organization" }, async ({ requirement }, session) => {
  const { ip } = await getRequestMeta();
  const result = await setTwoStepRequirement(session!.organization.id, requirement, { actor: { id: session!.userId, label: session!.email }, ip });
  revalidatePath("/settings");
  return result;
});
