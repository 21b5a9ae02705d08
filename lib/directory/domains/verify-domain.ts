import "server-only";
import { db } from "../../db";
import { AppError } from "../../app-error";
import { recordAuditEvent } from "../../audit/record-audit-event";
import type { UserWriteContext } from "../users/user-audit";
import { resolveTxtRecords } from "./resolve-txt-records";
import { checkVerification, verificationRecord, type VerificationOutcome } from "./verification-record";

/**
 * Looks up the domain's TXT record and marks the domain verified when one of
 * its strings is the expected value; otherwise records why not. The check's
 * time and outcome are saved either way. A verified domain stays verified.
 */
export async function verifyDomain(domainId: string, context: UserWriteContext): Promise<VerificationOutcome & { name: string }> {
  const domain = await db.domain.findFirst({
    where: { id: domainId, organizationId: context.organizationId },
    select: { id: true, name: true, verificationToken: true, verifiedAt: true },
  });
  if (!domain) throw new AppError("not_found", "This domain is no longer in your list. Reload the page to see the current list.");
  if (domain.verifiedAt) return { verified: true, name: domain.name };

  // The lookup takes up to a few seconds, so it runs outside the transaction.
  const outcome = checkVerification(await resolveTxtRecords(verificationRecord(domain).host), verificationRecord(domain));
  const checkedAt = new Date();
  await db.$transaction(async (tx) => {
    // Only the first of two simultaneous successful checks verifies and is audited.
    const { count } = await tx.domain.updateMany({
      where: { id: domain.id, verifiedAt: null },
      data: outcome.verified
        ? { verifiedAt: checkedAt, lastCheckedAt: checkedAt, lastCheckError: null }
        : { lastCheckedAt: checkedAt, lastCheckError: outcome.reason },
    });
    if (outcome.verified && count === 1) {
      await recordAuditEvent(tx, {
        organizationId: context.organizationId,
        actor: context.actor,
        action: "domain.verified",
        target: { type: "domain", id: domain.id, label: domain.name },
        ip: context.ip,
      });
    }
  });
  return { ...outcome, name: domain.name };
}
