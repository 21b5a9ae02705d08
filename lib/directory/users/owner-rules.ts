import "server-only";
import type { Tx } from "../../db";

/** What a write would do to one person, as far as the Owner rule cares. */
export type OwnerChange = { kind: "status"; to: "ACTIVE" | "INACTIVE" } | { kind: "email" } | { kind: "role"; to: string | null } | { kind: "delete" };

export interface OwnerRuleTarget {
  id: string;
  firstName: string;
  lastName: string;
  role: string | null;
}

export interface OwnerRule {
  /**
   * Why this change may not be made, in plain words, or null when it may. An
   * allowed change is counted at once, so a later change in the same
   * transaction sees the Owners that will be left; call it just before writing.
   */
  refuse(target: OwnerRuleTarget, change: OwnerChange): string | null;
}

const VERBS: Record<OwnerChange["kind"], (change: OwnerChange) => string> = {
  status: (change) => (change.kind === "status" && change.to === "ACTIVE" ? "activate an Owner" : "deactivate an Owner"),
  email: () => "change an Owner's e-mail",
  role: () => "change an Owner's role",
  delete: () => "delete an Owner",
};

/** Whether, after the change, the person is no longer an active Owner. */
function removesOwner(change: OwnerChange): boolean {
  if (change.kind === "delete") return true;
  if (change.kind === "status") return change.to === "INACTIVE";
  if (change.kind === "role") return change.to !== "OWNER";
  return false;
}

/**
 * The one Owner rule, applied by every write to people (the edit form, the
 * bulk actions, the app import's Update, the CSV import):
 *   - only an Owner changes an Owner's status, e-mail or role, or deletes one;
 *   - the last active Owner is never deactivated, deleted or given another role,
 *     by anyone, themselves included: without an Owner nobody could change the
 *     organization again.
 * It locks the organization's active Owners (`FOR UPDATE`, in id order) in the
 * caller's transaction, so two Owners deactivating each other at the same time
 * take turns and the second sees what the first left. The actor counts as an
 * Owner only if they are an active Owner now, read under the same lock, not
 * what their session said when the request began.
 * Take it before the transaction writes to anyone (so locks are always taken
 * in the same order), and only when a target is an Owner.
 */
export async function lockOwnerRule(tx: Tx, organizationId: string, actorId: string | null): Promise<OwnerRule> {
  const rows = await tx.$queryRaw<{ id: string }[]>`
    SELECT id::text FROM users
    WHERE organization_id = ${organizationId}::uuid AND role = 'OWNER' AND status = 'ACTIVE'
    ORDER BY id
    FOR UPDATE`;
  const activeOwners = new Set(rows.map((row) => row.id));
  const actorIsOwner = actorId !== null && activeOwners.has(actorId);
  return {
    refuse(target, change) {
      if (target.role !== "OWNER") return null;
      if (!actorIsOwner) return `Only an Owner can ${VERBS[change.kind](change)}.`;
      if (removesOwner(change) && activeOwners.has(target.id)) {
        if (activeOwners.size <= 1) {
          const who = target.id === actorId ? "You are" : `${target.firstName} ${target.lastName} is`;
          const what = change.kind === "delete" ? "deleted" : change.kind === "status" ? "deactivated" : "given another role";
          return `${who} the organization's last active Owner, so ${target.id === actorId ? "your account" : "they"} cannot be ${what}: without an Owner nobody could change the organization.`;
        }
        activeOwners.delete(target.id);
      }
      if (change.kind === "status" && change.to === "ACTIVE") activeOwners.add(target.id);
      return null;
    },
  };
}
