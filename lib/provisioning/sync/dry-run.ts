import "server-only";
import { AppError } from "../../app-error";
import { db } from "../../db";
import { AddressRefusedError } from "../../scim";
import { checkTargetAddress } from "../connections/guard-scim-target";
import { diffValues, type PlannedOperation } from "../plan/plan-operations";
import { planAppSync } from "./sync-runs";
import { changeEntries, type ChangeEntry } from "../log/change-entries";

/** How many planned changes a dry run lists; the counts always cover everyone. */
export const DRY_RUN_LIST_LIMIT = 200;

export type DryRunKind = "CREATE" | "UPDATE" | "ACTIVATE" | "DEACTIVATE" | "DELETE" | "SKIPPED";

export interface DryRunOperation {
  kind: DryRunKind;
  /** For a skipped change: what would have been sent. */
  wanted?: string;
  reason?: string;
  changes?: ChangeEntry[];
}

function describe(operation: PlannedOperation): DryRunOperation {
  switch (operation.kind) {
    case "SKIP":
      return { kind: "SKIPPED", wanted: operation.wanted, reason: operation.reason };
    case "CREATE":
      return { kind: "CREATE", changes: changeEntries(diffValues({}, operation.values)) };
    case "UPDATE":
      return { kind: "UPDATE", changes: changeEntries(operation.changes) };
    default:
      return { kind: operation.kind };
  }
}

/**
 * What "Sync now" would do, computed from the database alone: nothing is
 * sent to the app and nothing is recorded. Counts per kind for everyone, and
 * the first planned changes person by person. The Sync endpoint goes through
 * the same address check as every connection (a lookup, no request), so a
 * sync that would be refused says so here too.
 */
export async function dryRunAppSync(organizationId: string, appId: string) {
  const plan = await planAppSync(organizationId, appId);
  await checkSyncEndpoint(appId);
  return {
    people: plan.userIds.length,
    counts: plan.counts as Partial<Record<DryRunKind, number>>,
    changedPeople: plan.changes.length,
    changes: plan.changes
      .slice(0, DRY_RUN_LIST_LIMIT)
      .map((change) => ({ userId: change.userId, label: change.label, operations: change.operations.map(describe) })),
    removals: plan.removals,
    groupChanges: plan.groupChanges,
    activeAccounts: plan.activeAccounts,
    needsApproval: plan.needsApproval,
    threshold: plan.threshold,
  };
}

export type DryRunReport = Awaited<ReturnType<typeof dryRunAppSync>>;

async function checkSyncEndpoint(appId: string): Promise<void> {
  const app = await db.app.findUnique({ where: { id: appId }, select: { baseUrl: true } });
  if (!app?.baseUrl) return;
  try {
    await checkTargetAddress(app.baseUrl);
  } catch (error) {
    if (error instanceof AddressRefusedError) throw new AppError("invalid_input", `Sync would send nothing: ${error.message}`);
    if ((error as { code?: string }).code === "EAI_AGAIN") throw new AppError("unavailable", `${(error as Error).message} Try the dry run again in a minute.`);
    throw error;
  }
}
