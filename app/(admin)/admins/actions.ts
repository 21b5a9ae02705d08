"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/actions/define-action";
import { createPasswordLink } from "@/lib/auth/password-links";
import { getRequestMeta } from "@/lib/auth/request-meta";
import { searchAdminCandidates } from "@/lib/directory/admins/list-admins";
import { revokeAdminAccess, setAdminAccess } from "@/lib/directory/admins/set-admin-access";
import { adminAccessInput, adminCandidateSearchInput, adminUserInput } from "@/lib/directory/schemas/admin";
import { writeContextFor } from "@/lib/directory/users/write-context";

/** Every action here is an Owner's ("manage organization"); the services check again under the Owner lock. */
const OWNER_ONLY = "manage organization" as const;

export const searchAdminCandidatesAction = defineAction({ input: adminCandidateSearchInput, access: OWNER_ONLY }, async ({ query }, session) =>
  searchAdminCandidates(session!.organization.id, query),
);

export const setAdminAccessAction = defineAction({ input: adminAccessInput, access: OWNER_ONLY }, async (input, session) => {
  const result = await setAdminAccess(input, writeContextFor(session!, (await getRequestMeta()).ip));
  revalidatePath("/admins");
  return result;
});

export const revokeAdminAccessAction = defineAction({ input: adminUserInput, access: OWNER_ONLY }, async ({ userId }, session) => {
  const result = await revokeAdminAccess(userId, writeContextFor(session!, (await getRequestMeta()).ip));
  revalidatePath("/admins");
  return result;
});

/** The link's token goes back to the Owner's browser once, in this answer; it is never stored or logged in clear. */
export const createPasswordLinkAction = defineAction({ input: adminUserInput, access: OWNER_ONLY }, async ({ userId }, session) => {
  const link = await createPasswordLink(userId, writeContextFor(session!, (await getRequestMeta()).ip));
  revalidatePath("/admins");
  return { path: `/set-password/${link.token}`, purpose: link.purpose, expiresAt: link.expiresAt.toISOString(), person: link.person };
});
