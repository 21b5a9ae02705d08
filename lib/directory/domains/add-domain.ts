import "server-only";
import { randomBytes } from "node:crypto";
import { db } from "../../db";
import { AppError } from "../../app-error";
import { recordAuditEvent } from "../../audit/record-audit-event";
import type { UserWriteContext } from "../users/user-audit";

function alreadyListed(name: string): AppError {
  const message = `${name} is already in your list of domains.`;
  return new AppError("conflict", message, { name: [message] });
}

/** Adds a domain, not yet verified, with a fresh random verification token (24 bytes, base64url). */
export async function addDomain(name: string, context: UserWriteContext): Promise<{ id: string; name: string }> {
  try {
    return await db.$transaction(async (tx) => {
      const existing = await tx.domain.findUnique({ where: { organizationId_name: { organizationId: context.organizationId, name } }, select: { id: true } });
      if (existing) throw alreadyListed(name);
      const domain = await tx.domain.create({
        data: { organizationId: context.organizationId, name, verificationToken: randomBytes(24).toString("base64url") },
        select: { id: true, name: true },
      });
      await recordAuditEvent(tx, {
        organizationId: context.organizationId,
        actor: context.actor,
        action: "domain.added",
        target: { type: "domain", id: domain.id, label: domain.name },
        changes: { name: { from: null, to: domain.name } },
        ip: context.ip,
      });
      return domain;
    });
  } catch (error) {
    // Two admins adding the same domain at once: the loser gets the same field error.
    if ((error as { code?: string }).code === "P2002") throw alreadyListed(name);
    throw error;
  }
}
