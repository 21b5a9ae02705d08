import "server-only";
import { recordAuditEvent, type Actor } from "../../audit/record-audit-event";
import { db } from "../../db";
import { hasAdminAccess, type RoleName } from "../permissions";

export const TWO_STEP_REQUIREMENTS = ["NOBODY", "ADMINS", "EVERYONE"] as const;
export type TwoStepRequirementName = (typeof TWO_STEP_REQUIREMENTS)[number];

export const TWO_STEP_REQUIREMENT_LABELS: Record<TwoStepRequirementName, string> = {
  NOBODY: "No one (people may turn it on for themselves)",
  ADMINS: "Owners and Admins",
  EVERYONE: "Everyone",
};

/** Whether the organization's setting requires two-step sign-in of this person. Pure. */
export function twoStepRequiredOf(requirement: TwoStepRequirementName, person: { role: RoleName | null }): boolean {
  if (requirement === "EVERYONE") return true;
  return requirement === "ADMINS" && hasAdminAccess({ role: person.role, permissions: [] });
}

/**
 * What a person still owes after a right password: a code when they have an authenticator, enrolment when the
 * organization requires one and they have none, or nothing.
 */
export async function secondStepOwed(userId: string): Promise<"CODE" | "ENROL" | null> {
  const user = await db.user.findUniqueOrThrow({
    where: { id: userId },
    select: { role: true, organization: { select: { twoStepRequired: true } }, twoStepFactor: { select: { confirmedAt: true } } },
  });
  if (user.twoStepFactor?.confirmedAt) return "CODE";
  return twoStepRequiredOf(user.organization.twoStepRequired, user) ? "ENROL" : null;
}

export async function getTwoStepRequirement(organizationId: string): Promise<TwoStepRequirementName> {
  return (await db.organization.findUniqueOrThrow({ where: { id: organizationId }, select: { twoStepRequired: true } })).twoStepRequired;
}

/** The Settings page's "Two-step sign-in" choice, audited in the same transaction. */
export async function setTwoStepRequirement(
  organizationId: string,
  requirement: TwoStepRequirementName,
  context: { actor: Actor; ip: string | null },
): Promise<{ changed: boolean }> {
  return db.$transaction(async (tx) => {
    const before = await tx.organization.findUniqueOrThrow({ where: { id: organizationId }, select: { twoStepRequired: true, name: true } });
    if (before.twoStepRequired === requirement) return { changed: false };
    await tx.organization.update({ where: { id: organizationId }, data: { twoStepRequired: requirement }, select: { id: true } });
    await recordAuditEvent(tx, {
      organizationId,
      actor: context.actor,
      action: "organization.two_step_requirement_changed",
      target: { type: "organization", id: organizationId, label: before.name },
      changes: { twoStepRequired: { from: before.twoStepRequired, to: requirement } },
      ip: context.ip,
    });
    return { changed: true };
  });
}
