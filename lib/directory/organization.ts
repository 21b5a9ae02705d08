import "server-only";
import { z } from "zod";
import { diffFields, recordAuditEvent, type Actor } from "../audit/record-audit-event";
import { db } from "../db";
import { AppError } from "../app-error";

export const PLANS = ["FREE", "STANDARD", "PROFESSIONAL"] as const;
export const PLAN_LABELS: Record<(typeof PLANS)[number], string> = {
  FREE: "Free",
  STANDARD: "Standard",
  PROFESSIONAL: "Professional",
};

export const updateOrganizationInput = z.object({
  name: z
    .string()
    .trim()
    .min(2, { error: "Enter a name of at least 2 characters." })
    .max(100, { error: "Keep the name under 100 characters." })
    .refine((name) => !/[\u0000-\u001f\u007f]/.test(name), { error: "The name cannot contain line breaks or control characters." }),
  plan: z.enum(PLANS, { error: "Choose Free, Standard or Professional." }),
});
export type UpdateOrganizationInput = z.infer<typeof updateOrganizationInput>;

export async function getOrganizationSettings(organizationId: string) {
  const organization = await db.organization.findUnique({
    where: { id: organizationId },
    select: { id: true, name: true, plan: true, createdAt: true },
  });
  if (!organization) throw new AppError("not_found", "This organization no longer exists.");
  return organization;
}

/** Renames the organization or changes its plan, and records what changed. */
export async function updateOrganization(
  organizationId: string,
  input: UpdateOrganizationInput,
  actor: Actor,
  ip: string | null = null,
): Promise<{ changed: string[] }> {
  return db.$transaction(async (tx) => {
    const before = await tx.organization.findUnique({
      where: { id: organizationId },
      select: { name: true, plan: true },
    });
    if (!before) throw new AppError("not_found", "This organization no longer exists.");
    const changes = diffFields(before, input);
    if (Object.keys(changes).length === 0) return { changed: [] };
    await tx.organization.update({ where: { id: organizationId }, data: input });
    await recordAuditEvent(tx, {
      organizationId,
      actor,
      action: "organization.updated",
      target: { type: "organization", id: organizationId, label: input.name },
      changes,
      ip,
    });
    return { changed: Object.keys(changes) };
  });
}

export async function getOverviewCounts(organizationId: string) {
  const [people, active, admins, departments, recentEvents] = await Promise.all([
    db.user.count({ where: { organizationId } }),
    db.user.count({ where: { organizationId, status: "ACTIVE" } }),
    db.user.count({ where: { organizationId, role: { in: ["OWNER", "ADMIN"] } } }),
    db.user.groupBy({ by: ["department"], where: { organizationId, department: { not: null } } }),
    db.auditEvent.count({ where: { organizationId, createdAt: { gte: new Date(Date.now() - 7 * 24 * 3600 * 1000) } } }),
  ]);
  return { people, active, inactive: people - active, admins, departments: departments.length, recentEvents };
}
