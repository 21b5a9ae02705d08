import "server-only";
import type { Tx } from "../../db";

/**
 * Marks (app, user) pairs whose remote accounts may now differ from the
 * directory, inside the transaction that changed the directory, so the mark
 * exists if and only if the change committed.
 *
 * A no-op for now: the sync engine fills it with a coalescing job per pair
 * (graphile-worker's `add_job` with key `reconcile:<app>:<user>`). Every
 * directory write already calls it with the right pairs.
 */
export async function markForReconcile(_tx: Tx, appIds: readonly string[], userIds: readonly string[]): Promise<void> {
  if (appIds.length === 0 || userIds.length === 0) return;
}
