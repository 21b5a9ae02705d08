"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { defineAction } from "@/lib/actions/define-action";
import { getRequestMeta } from "@/lib/auth/request-meta";
import { confirmImport } from "@/lib/provisioning/import-runs/confirm-import";
import { previewImport } from "@/lib/provisioning/import-runs/preview-import";
import { cancelImport, startImport } from "@/lib/provisioning/import-runs/start-import";

async function context(session: { organization: { id: string }; userId: string; email: string }) {
  return { organizationId: session.organization.id, actor: { id: session.userId, label: session.email }, ip: (await getRequestMeta()).ip };
}

export const startImportAction = defineAction({ input: z.object({ appId: z.uuid() }), access: ["view apps", "import users"] }, async ({ appId }, session) => {
  const run = await startImport(session!.organization.id, appId, await context(session!));
  revalidatePath(`/applications/${appId}/import`);
  return run;
});

export const cancelImportAction = defineAction(
  { input: z.object({ appId: z.uuid(), runId: z.uuid() }), access: ["view apps", "import users"] },
  async ({ appId, runId }, session) => {
    await cancelImport(session!.organization.id, runId);
    revalidatePath(`/applications/${appId}/import`);
    return { cancelled: true };
  },
);

const confirmImportInput = z.object({
  appId: z.uuid(),
  runId: z.uuid(),
  selection: z.union([
    z.object({ candidateIds: z.array(z.uuid()).min(1, { error: "Select at least one user." }).max(1000) }),
    z.object({ filter: z.enum(["ALL", "NEW", "UPDATE", "ACTIVATE", "DEACTIVATE"]) }),
  ]),
  joinGroups: z.boolean().default(false),
});

/** The confirm dialog's figures: what confirming this selection does in Roster and sends to the app (nothing is changed). */
export const previewImportAction = defineAction(
  { input: confirmImportInput, access: ["view apps", "import users"] },
  async ({ runId, selection, joinGroups }, session) => previewImport(session!.organization.id, runId, selection, await context(session!), { joinGroups }),
);

export const confirmImportAction = defineAction(
  {
    input: confirmImportInput,
    access: ["view apps", "import users"],
  },
  async ({ appId, runId, selection, joinGroups }, session) => {
    const result = await confirmImport(session!.organization.id, runId, selection, await context(session!), { joinGroups });
    revalidatePath(`/applications/${appId}`, "layout");
    return result;
  },
);
