import "server-only";
import { db } from "../../db";
import { MAPPABLE_PERSON_SELECT } from "./mappable-person";

/** A person's profile and the audit trail about them (their apps are loaded by the page's apps panel). */
export async function getUserDetail(organizationId: string, userId: string) {
  const user = await db.user.findFirst({
    where: { id: userId, organizationId },
    select: {
      ...MAPPABLE_PERSON_SELECT,
      role: true,
    },
  });
  if (!user) return null;
  const history = await db.auditEvent.findMany({
    where: { organizationId, targetType: "user", targetId: userId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: 50,
    select: { id: true, createdAt: true, actorLabel: true, action: true, targetType: true, targetLabel: true, changes: true, ip: true },
  });
  return { user, history };
}
