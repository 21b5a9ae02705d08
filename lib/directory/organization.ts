import "server-only";
import type { UpdateOrganizationInput } from "./schemas/organization";
import { diffFields, recordAuditEvent, type Actor } from "../audit/record-audit-event";
import { db, type Tx } from "../db";
import { markAppScopeForReconcile } from "../queue/mark-for-reconcile";
import { AppError } from "../app-error";

export { PLANS, PLAN_LABELS, updateOrganizationInput, type UpdateOrganizationInput } from "./schemas/organization";

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
    // The Free plan sends each app's default mapping, a paid plan the saved one: moving across that line can change
    // what every app should hold, so each provisioning app re-checks its people (the engine sends only differences).
    if ((before.plan === "FREE") !== (input.plan === "FREE")) await markAppsForMappingChange(tx, organizationId);
    return { changed: Object.keys(changes) };
  });
}

async function markAppsForMappingChange(tx: Tx, organizationId: string): Promise<void> {
  const apps = await tx.app.findMany({ where: { organizationId, state: "ACTIVE" }, select: { id: true } });
  for (const app of apps) await markAppScopeForReconcile(tx, app.id, "Plan changed");
}

/**
 * The directory's figures for the Overview, in one query: people (active and deactivated), Owners and Admins,
 * groups, and audit events in the 7 days before `now`.
 */
export async function getOverviewCounts(organizationId: string, now = new Date()) {
  const since = new Date(now.getTime() - 7 * 24 * 3600 * 1000);
  const [counts] = await db.$queryRaw<{ people: number; active: number; admins: number; groups: number; recentEvents: number }[]>`
    SELECT
      (SELECT count(*)::int FROM users WHERE organization_id = ${organizationId}::uuid) AS people,
      (SELECT count(*)::int FROM users WHERE organization_id = ${organizationId}::uuid AND status = 'ACTIVE') AS active,
      (SELECT count(*)::int FROM users WHERE organization_id = ${organizationId}::uuid AND role IN ('OWNER', 'ADMIN')) AS admins,
      (SELECT count(*)::int FROM groups WHERE organization_id = ${organizationId}::uuid) AS groups,
      (SELECT count(*)::int FROM audit_events WHERE organization_id = ${organizationId}::uuid AND created_at >= ${since}) AS "recentEvents"`;
  const { people, active, admins, groups, recentEvents } = counts!;
  return { people, active, inactive: people - active, admins, groups, recentEvents };
}
