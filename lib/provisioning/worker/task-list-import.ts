import "server-only";
import type { Task } from "graphile-worker";
import { z } from "zod";
import { applyImport } from "../import-runs/confirm-import";
import { fetchImportRun } from "../import-runs/fetch-import-run";

const fetchPayload = z.object({ runId: z.uuid() });
const confirmPayload = z.object({
  runId: z.uuid(),
  selection: z.union([z.object({ candidateIds: z.array(z.uuid()) }), z.object({ filter: z.enum(["ALL", "NEW", "UPDATE", "ACTIVATE", "DEACTIVATE"]) })]),
  actor: z.object({ id: z.uuid().nullable(), label: z.string() }),
  ip: z.string().nullable(),
});

/** Import jobs: fetching an app's users, and applying a confirmed selection. */
export const importTasks: Record<string, Task> = {
  "import-fetch": async (payload) => fetchImportRun(fetchPayload.parse(payload).runId),
  "import-confirm": async (payload) => {
    const { runId, selection, actor, ip } = confirmPayload.parse(payload);
    await applyImport(runId, selection, actor, ip);
  },
};
