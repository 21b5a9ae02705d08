import "server-only";
import { db, type Tx } from "../../db";
import { AppError } from "../../app-error";
import { USER_PROFILE_FIELDS, type UserInput } from "../schemas/user";
import { lockOwnerRule, type OwnerChange } from "./owner-rules";
import { markUsersForReconcile, recordUserChange, type AuditChanges, type UserWriteContext } from "./user-audit";

/** What `user.created` records: every profile field the new person has a value for. */
export function creationChanges(input: UserInput): AuditChanges {
  const changes: AuditChanges = {};
  for (const field of USER_PROFILE_FIELDS) if (input[field] !== null) changes[field] = { from: null, to: input[field] };
  return changes;
}

/** A field error, not a crash, when the e-mail belongs to someone else in the organization. */
async function assertEmailFree(tx: Tx, organizationId: string, email: string, exceptId?: string): Promise<void> {
  const holder = await tx.user.findUnique({
    where: { organizationId_email: { organizationId, email } },
    select: { id: true, firstName: true, lastName: true },
  });
  if (holder && holder.id !== exceptId) {
    const message = `This e-mail is already used by ${holder.firstName} ${holder.lastName}.`;
    throw new AppError("conflict", message, { email: [message] });
  }
}

/** Two admins saving the same e-mail at once: the loser gets the same field error. */
async function withEmailUniqueness<T>(email: string, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if ((error as { code?: string }).code === "P2002") {
      const message = `The e-mail ${email} is already used by someone in your directory.`;
      throw new AppError("conflict", message, { email: [message] });
    }
    throw error;
  }
}

export async function createUser(input: UserInput, context: UserWriteContext, tx?: Tx) {
  const run = async (tx: Tx) => {
    await assertEmailFree(tx, context.organizationId, input.email);
    const user = await withEmailUniqueness(input.email, () =>
      tx.user.create({
        data: { ...input, organizationId: context.organizationId },
        select: { id: true, firstName: true, lastName: true, email: true },
      }),
    );
    await recordUserChange(tx, context, user, "user.created", creationChanges(input));
    return user;
  };
  return tx ? run(tx) : withEmailUniqueness(input.email, () => db.$transaction(run));
}

/** Saves the profile; only changed fields are written, audited, and sent on to apps. */
export async function updateUser(userId: string, input: UserInput, context: UserWriteContext, outerTx?: Tx) {
  const run = async (tx: Tx) => {
    const before = await tx.user.findFirst({
      where: { id: userId, organizationId: context.organizationId },
      select: { id: true, role: true, ...Object.fromEntries(USER_PROFILE_FIELDS.map((field) => [field, true])) } as { id: true; role: true } & Record<
        (typeof USER_PROFILE_FIELDS)[number],
        true
      >,
    });
    if (!before) throw new AppError("not_found", "This person is no longer in the directory.");
    const changes: AuditChanges = {};
    for (const field of USER_PROFILE_FIELDS) {
      if (before[field] !== input[field]) changes[field] = { from: before[field], to: input[field] };
    }
    if (Object.keys(changes).length === 0) return { id: userId, changed: [] as string[] };
    if (changes.status && userId === context.actor.id && input.status === "INACTIVE") {
      throw new AppError("forbidden", "You cannot deactivate your own account.", { status: ["You cannot deactivate your own account."] });
    }
    if (before.role === "OWNER" && (changes.email || changes.status)) {
      const rule = await lockOwnerRule(tx, context.organizationId, context.actor.id);
      const asked: [keyof UserInput, OwnerChange][] = [];
      if (changes.email) asked.push(["email", { kind: "email" }]);
      if (changes.status) asked.push(["status", { kind: "status", to: input.status }]);
      for (const [field, change] of asked) {
        const reason = rule.refuse({ ...before, id: userId }, change);
        if (reason) throw new AppError("forbidden", reason, { [field]: [reason] });
      }
    }
    if (changes.email) await assertEmailFree(tx, context.organizationId, input.email, userId);
    const user = await withEmailUniqueness(input.email, () =>
      tx.user.update({
        where: { id: userId },
        data: Object.fromEntries(Object.keys(changes).map((field) => [field, input[field as keyof UserInput]])),
        select: { id: true, firstName: true, lastName: true, email: true },
      }),
    );
    if (changes.status && input.status === "INACTIVE") await tx.session.deleteMany({ where: { userId } });
    const action = changes.status ? (input.status === "ACTIVE" ? "user.activated" : "user.deactivated") : "user.updated";
    await recordUserChange(tx, context, user, Object.keys(changes).length > 1 && changes.status ? "user.updated" : action, changes);
    await markUsersForReconcile(tx, [userId]);
    return { id: userId, changed: Object.keys(changes) };
  };
  return outerTx ? run(outerTx) : db.$transaction(run);
}
