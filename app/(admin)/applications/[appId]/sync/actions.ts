"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { defineAction } from "@/lib/actions/define-action";
import { getRequestMeta } from "@/lib/auth/request-meta";
import type { CurrentSession } from "@/lib/auth/session";
import { dryRunAppSync } from "@/lib/provisioning/sync/dry-run";
import { getSyncRunView } from "@/lib/provisioning/log/get-sync-overview";
import { resumeApp, startSyncRun } from "@/lib/provisioning/sync/sync-runs";

async function appContext(session: CurrentSession) {
  return { organizationId: session.organization.id, actor: { id: session.userId, label: session.email }, ip: (await getRequestMeta()).ip };
}

/** "Sync now", and "Approve and sync" (`approved`) after a run stopped at the deletion threshold. */
export const startSyncAction = defineAction(
  { input: z.object({ appId: z.uuid(), approved: z.boolean().default(false) }), access: "assign apps" },
  async ({ appId, approved }, session) => {
    const started = await startSyncRun(session!.organization.id, appId, await appContext(session!), { approved });
    revalidatePath(`/applications/${appId}`, "layout");
    return { needsApproval: started.needsApproval, run: await getSyncRunView(session!.organization.id, appId) };
  },
);

/** What a sync would do, without sending anything. */
export const dryRunAction = defineAction({ input: z.object({ appId: z.uuid() }), access: "view apps" }, async ({ appId }, session) => {
  return dryRunAppSync(session!.organization.id, appId);
});

/** Takes a quarantined (or paused) app back into service: checks the connection first, then syncs everyone. */
export const resumeAppAction = defineAction({ input: z.object({ appId: z.uuid() }), access: "assign apps" }, async ({ appId }, session) => {
  const result = await resumeApp(session!.organization.id, appId, await appContext(session!));
  revalidatePath(`/applications/${appId}`, "layout");
  revalidatePath("/applications");
  return { resumed: result.resumed, deletionCancelled: result.deletionCancelled, run: await getSyncRunView(session!.organization.id, appId) };
});
