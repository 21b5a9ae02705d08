import "server-only";
import { db, type Tx } from "../../db";
import { AppError } from "../../app-error";
import { userFilterInput, type UserFilterInput, type UserStatusName } from "../schemas/user";
import { buildUserWhere } from "./list-users";
import { lockOwnerRule, type OwnerChange, type OwnerRule } from "./owner-rules";
import { markUsersForReconcile, recordUserChange, type UserWriteContext } from "./user-audit";

/** Either the rows an admin ticked, or every person matching the list's filter. */
export type UserSelection = { ids: string[] } | { filter: UserFilterInput };

export interface BulkResult {
  changed: number;
  skipped: { id: string; name: string; reason: string }[];
}

/** Each batch commits on its own, so a long bulk change holds no lock for long and survives a failure half-way. */
const BATCH_SIZE = 500;

/**
 * The filter, checked again here whoever the caller is: a value that does not
 * parse is refused in words before anything is written, never dropped (which
 * would widen "everyone matching" to everyone).
 */
function strictFilter(filter: unknown): UserFilterInput {
  const parsed = userFilterInput.safeParse(filter);
  if (parsed.success) return parsed.data;
  const fieldErrors: Record<string, string[]> = {};
  for (const issue of parsed.error.issues) (fieldErrors[["filter", ...issue.path].join(".")] ??= []).push(issue.message);
  throw new AppError("invalid_input", `Nobody was changed: ${parsed.error.issues[0]!.message}`, fieldErrors);
}

/** The selected people's ids, a bounded batch at a time. */
export async function* selectedIdBatches(organizationId: string, selection: UserSelection): AsyncGenerator<string[]> {
  if ("ids" in selection) {
    for (let start = 0; start < selection.ids.length; start += BATCH_SIZE) yield selection.ids.slice(start, start + BATCH_SIZE);
    return;
  }
  const where = buildUserWhere(organizationId, strictFilter(selection.filter));
  let lastId: string | undefined;
  for (;;) {
    const rows = await db.user.findMany({
      where: lastId ? { AND: [where, { id: { gt: lastId } }] } : where,
      orderBy: { id: "asc" },
      take: BATCH_SIZE,
      select: { id: true },
    });
    if (rows.length === 0) return;
    lastId = rows.at(-1)!.id;
    yield rows.map((row) => row.id);
  }
}

type Target = { id: string; firstName: string; lastName: string; email: string; status: UserStatusName; role: string | null };

/** Admins cannot lock themselves out, and the Owner rule holds (see `owner-rules.ts`). */
function refusal(target: Target, context: UserWriteContext, owners: OwnerRule | null, verb: string, change: OwnerChange): string | null {
  if (target.id === context.actor.id) return `You cannot ${verb} your own account.`;
  return owners?.refuse(target, change) ?? null;
}

/** The batch's people and, when any of them is an Owner, the Owner rule, locked before anything is written. */
async function loadTargets(tx: Tx, context: UserWriteContext, ids: string[]): Promise<{ targets: Target[]; owners: OwnerRule | null }> {
  const targets = await tx.user.findMany({
    where: { organizationId: context.organizationId, id: { in: ids } },
    select: { id: true, firstName: true, lastName: true, email: true, status: true, role: true },
  });
  const owners = targets.some((target) => target.role === "OWNER") ? await lockOwnerRule(tx, context.organizationId, context.actor.id) : null;
  return { targets, owners };
}

export async function setUsersStatus(
  selection: UserSelection,
  status: UserStatusName,
  context: UserWriteContext,
  onProgress?: (done: number) => void,
): Promise<BulkResult> {
  const result: BulkResult = { changed: 0, skipped: [] };
  const verb = status === "ACTIVE" ? "activate" : "deactivate";
  let done = 0;
  for await (const ids of selectedIdBatches(context.organizationId, selection)) {
    await db.$transaction(async (tx) => {
      const changed: string[] = [];
      const { targets, owners } = await loadTargets(tx, context, ids);
      for (const target of targets) {
        if (target.status === status) continue;
        const reason = refusal(target, context, owners, verb, { kind: "status", to: status });
        if (reason) {
          result.skipped.push({ id: target.id, name: `${target.firstName} ${target.lastName}`, reason });
          continue;
        }
        await tx.user.update({ where: { id: target.id }, data: { status } });
        // A deactivated person's Roster sessions end with the change, not at their next request.
        if (status === "INACTIVE") await tx.session.deleteMany({ where: { userId: target.id } });
        await recordUserChange(tx, context, target, status === "ACTIVE" ? "user.activated" : "user.deactivated", {
          status: { from: target.status, to: status },
        });
        changed.push(target.id);
      }
      await markUsersForReconcile(tx, changed);
      result.changed += changed.length;
    });
    done += ids.length;
    onProgress?.(done);
  }
  return result;
}

/**
 * Removes people from the directory. Their app assignments go with them; the
 * reconcile marks are taken first, so the sync engine deletes or keeps their
 * accounts in the apps according to each app's "Delete users" action.
 */
export async function deleteUsers(selection: UserSelection, context: UserWriteContext): Promise<BulkResult> {
  const result: BulkResult = { changed: 0, skipped: [] };
  for await (const ids of selectedIdBatches(context.organizationId, selection)) {
    await db.$transaction(async (tx) => {
      const deletable: string[] = [];
      const { targets, owners } = await loadTargets(tx, context, ids);
      for (const target of targets) {
        const reason = refusal(target, context, owners, "delete", { kind: "delete" });
        if (reason) {
          result.skipped.push({ id: target.id, name: `${target.firstName} ${target.lastName}`, reason });
          continue;
        }
        await recordUserChange(tx, context, target, "user.deleted", {
          email: { from: target.email, to: null },
          name: { from: `${target.firstName} ${target.lastName}`, to: null },
        });
        deletable.push(target.id);
      }
      await markUsersForReconcile(tx, deletable);
      // Their sessions go with them (sessions cascade with the person), in this transaction.
      await tx.user.deleteMany({ where: { organizationId: context.organizationId, id: { in: deletable } } });
      result.changed += deletable.length;
    });
  }
  if (result.changed === 0 && result.skipped.length === 0 && "ids" in selection && selection.ids.length > 0) {
    throw new AppError("not_found", "Those people are no longer in the directory.");
  }
  return result;
}
