import "server-only";
import type { Task } from "graphile-worker";
import { jobs } from "../../queue/jobs";
import { applyImport } from "../import-runs/confirm-import";
import { fetchImportRun } from "../import-runs/fetch-import-run";

/** Import jobs: fetching an app's users, and applying a confirmed selection. */
export const importTasks: Record<string, Task> = {
  [jobs.importFetch.task]: async (payload) => fetchImportRun(jobs.importFetch.payload.parse(payload).runId),
  [jobs.importConfirm.task]: async (payload) => {
    const { runId, selection, actor, ip, joinGroups } = jobs.importConfirm.payload.parse(payload);
    await applyImport(runId, selection, actor, ip, { joinGroups });
  },
};
