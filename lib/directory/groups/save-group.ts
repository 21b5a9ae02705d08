import "server-only";
import { markGroupsForReconcile } from "../../queue/mark-for-reconcile";
import { AppError } from "../../app-error";
import { db, type Tx } from "../../db";
import type { CreateGroupInput } from "../schemas/group";
import type { UserWriteContext } from "../users/user-audit";
import { recordGroupChange } from "./group-audit";

function nameTaken(name: string): AppError {
  const message = `A group named “${name}” already exists.`;
  return new AppError("conflict", message, { name: [message] });
}

/** Names are unique per organization whatever their case (the generated `name_key` column). */
async function assertNameFree(tx: Tx, organizationId: string, name: string, exceptId?: string): Promise<void> {
  const holder = await tx.group.findFirst({ where: { organizationId, nameKey: name.toLowerCase() }, select: { id: true, name: true } });
  if (holder && holder.id !== exceptId) throw nameTaken(holder.name);
}

/** Two admins saving the same name at once: the loser gets the same field error. */
async function withNameUniqueness<T>(name: string, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if ((error as { code?: string }).code === "P2002") throw nameTaken(name);
    throw error;
  }
}

async function findGroup(tx: Tx, organizationId: string, id: string) {
  const group = await tx.group.findFirst({ where: { id, organizationId }, select: { id: true, name: true, description: true } });
  if (!group) throw new AppError("not_found", "This group no longer exists.");
  return group;
}

export async function createGroup(input: CreateGroupInput, context: UserWriteContext): Promise<{ id: string; name: string }> {
  return withNameUniqueness(input.name, () =>
    db.$transaction(async (tx) => {
      await assertNameFree(tx, context.organizationId, input.name);
      const group = await tx.group.create({
        data: { organizationId: context.organizationId, name: input.name, description: input.description },
        select: { id: true, name: true },
      });
      await recordGroupChange(tx, context, group, "group.created", {
        name: { from: null, to: input.name },
        ...(input.description ? { description: { from: null, to: input.description } } : {}),
      });
      return group;
    }),
  );
}

/** Renames a group; changing only the letter case of its own name is allowed. */
export async function renameGroup(id: string, name: string, context: UserWriteContext): Promise<{ id: string; name: string; changed: boolean }> {
  return withNameUniqueness(name, () =>
    db.$transaction(async (tx) => {
      const group = await findGroup(tx, context.organizationId, id);
      if (group.name === name) return { id, name, changed: false };
      await assertNameFree(tx, context.organizationId, name, id);
      await tx.group.update({ where: { id }, data: { name }, select: { id: true } });
      await recordGroupChange(tx, context, { id, name }, "group.renamed", { name: { from: group.name, to: name } });
      await markGroupsForReconcile(tx, [id]);
      return { id, name, changed: true };
    }),
  );
}

export async function describeGroup(id: string, description: string, context: UserWriteContext): Promise<{ id: string; changed: boolean }> {
  return db.$transaction(async (tx) => {
    const group = await findGroup(tx, context.organizationId, id);
    if (group.description === description) return { id, changed: false };
    await tx.group.update({ where: { id }, data: { description }, select: { id: true } });
    await recordGroupChange(tx, context, group, "group.described", { description: { from: group.description || null, to: description || null } });
    return { id, changed: true };
  });
}
