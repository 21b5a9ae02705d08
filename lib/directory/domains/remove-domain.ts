import "server-only";
import { db } from "../../db";
import { AppError } from "../../app-error";
import { recordAuditEvent } from "../../audit/record-audit-event";
import type { UserWriteContext } from "../users/user-audit";

/** Removes a domain; people with e-mails on it are then flagged as on an unverified domain. */
export async function removeDomain(domainId: string, context: UserWriteContext): Promise<{ name: string }> {
  return db.$transaction(async (tx) => {
    const domain = await tx.domain.findFirst({ where: { id: domainId, organizationId: context.organizationId }, select: { id: true, name: true } });
    if (!domain) throw new AppError("not_found", "This domain is no longer in your list. Reload the page to see the current list.");
    await tx.domain.delete({ where: { id: domain.id } });
    await recordAuditEvent(tx, {
      organizationId: context.organizationId,
      actor: context.actor,
      action: "domain.removed",
      target: { type: "domain", id: domain.id, label: domain.name },
      changes: { name: { from: domain.name, to: null } },
      ip: context.ip,
    });
    return { name: domain.name };
  });
}
