import "server-only";
import { db } from "../../db";

/** A person's profile, their apps, and the audit trail about them. */
export async function getUserDetail(organizationId: string, userId: string) {
  const user = await db.user.findFirst({
    where: { id: userId, organizationId },
    select: {
      id: true,
      email: true,
      firstName: true,
      lastName: true,
      displayName: true,
      employeeId: true,
      title: true,
      department: true,
      mobile: true,
      locale: true,
      timezone: true,
      status: true,
      role: true,
      createdAt: true,
      updatedAt: true,
      assignments: { select: { createdAt: true, app: { select: { id: true, name: true, state: true } } }, orderBy: { createdAt: "asc" } },
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
