"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/actions/define-action";
import { getRequestMeta } from "@/lib/auth/request-meta";
import { addDomain } from "@/lib/directory/domains/add-domain";
import { removeDomain } from "@/lib/directory/domains/remove-domain";
import { addDomainInput, domainIdInput } from "@/lib/directory/domains/schemas";
import { verifyDomain } from "@/lib/directory/domains/verify-domain";
import { writeContextFor } from "@/lib/directory/users/write-context";

export const addDomainAction = defineAction({ input: addDomainInput, access: "manage users" }, async ({ name }, session) => {
  const domain = await addDomain(name, writeContextFor(session!, (await getRequestMeta()).ip));
  revalidatePath("/settings/domains");
  return domain;
});

export const verifyDomainAction = defineAction({ input: domainIdInput, access: "manage users" }, async ({ domainId }, session) => {
  const outcome = await verifyDomain(domainId, writeContextFor(session!, (await getRequestMeta()).ip));
  revalidatePath("/settings/domains");
  // The users list flags people whose e-mail domain is not verified.
  if (outcome.verified) revalidatePath("/users", "layout");
  return outcome;
});

export const removeDomainAction = defineAction({ input: domainIdInput, access: "manage users" }, async ({ domainId }, session) => {
  const result = await removeDomain(domainId, writeContextFor(session!, (await getRequestMeta()).ip));
  revalidatePath("/settings/domains");
  revalidatePath("/users", "layout");
  return result;
});
