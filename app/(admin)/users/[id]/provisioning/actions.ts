"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { defineAction } from "@/lib/actions/define-action";
import { getRequestMeta } from "@/lib/auth/request-meta";
import type { CurrentSession } from "@/lib/auth/session";
import { linkAccount } from "@/lib/provisioning/accounts/link-account";
import { linkAccountInput, searchAppAccountsInput } from "@/lib/provisioning/accounts/schemas";
import { searchAppAccounts } from "@/lib/provisioning/accounts/search-app-accounts";
import { provisionUserNow } from "@/lib/provisioning/sync/provision-now";

async function writeContext(session: CurrentSession) {
  return { organizationId: session.organization.id, actor: { id: session.userId, label: session.email }, ip: (await getRequestMeta()).ip };
}

/** "Provision now" on the person page: reconcile this person in this app right away and report each step. */
export const provisionUserNowAction = defineAction(
  { input: z.object({ appId: z.uuid(), userId: z.uuid() }), access: ["view apps", "assign apps"] },
  async ({ appId, userId }, session) => {
    const result = await provisionUserNow(appId, userId, await writeContext(session!));
    revalidatePath(`/users/${userId}`);
    revalidatePath(`/applications/${appId}`, "layout");
    return result;
  },
);

/** The Link dialog's search: the app's accounts matching what the admin typed. */
export const searchAppAccountsAction = defineAction(
  { input: searchAppAccountsInput, access: ["view apps", "assign apps"] },
  async ({ appId, query }, session) => searchAppAccounts(session!.organization.id, appId, query),
);

/** The Link dialog's "Link": this person's account in the app is the one the admin chose. */
export const linkAccountAction = defineAction(
  { input: linkAccountInput, access: ["view apps", "assign apps"] },
  async ({ appId, userId, remoteId }, session) => {
    const result = await linkAccount(session!.organization.id, appId, userId, remoteId, await writeContext(session!));
    revalidatePath(`/users/${userId}`);
    revalidatePath(`/applications/${appId}`, "layout");
    revalidatePath("/provisioning-log");
    return result;
  },
);
