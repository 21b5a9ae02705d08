import { beforeEach, describe, expect, it } from "vitest";
import { db } from "../db";
import { makeOrganization, makePerson } from "../testing/make-organization";
import { updateOrganization, updateOrganizationInput } from "./organization";

let organizationId: string;
let actor: { id: string; label: string };

beforeEach(async () => {
  organizationId = (await makeOrganization("Acme")).id;
  const owner = await makePerson(organizationId, { role: "OWNER" });
  actor = { id: owner.id, label: owner.email };
});

describe("updateOrganization", () => {
  it("changes the name and plan and records both changes in one audit event", async () => {
    const result = await updateOrganization(organizationId, { name: "Acme Corp", plan: "PROFESSIONAL" }, actor, "203.0.113.9");
    expect(result.changed.sort()).toEqual(["name", "plan"]);
    expect(await db.organization.findUnique({ where: { id: organizationId }, select: { name: true, plan: true } })).toEqual({
      name: "Acme Corp",
      plan: "PROFESSIONAL",
    });
    const events = await db.auditEvent.findMany({ where: { organizationId }, select: { action: true, actorId: true, changes: true, ip: true } });
    expect(events).toEqual([
      {
        action: "organization.updated",
        actorId: actor.id,
        ip: "203.0.113.9",
        changes: { name: { from: "Acme", to: "Acme Corp" }, plan: { from: "STANDARD", to: "PROFESSIONAL" } },
      },
    ]);
  });

  it("records nothing when nothing changed", async () => {
    expect(await updateOrganization(organizationId, { name: "Acme", plan: "STANDARD" }, actor)).toEqual({ changed: [] });
    expect(await db.auditEvent.count({ where: { organizationId } })).toBe(0);
  });

  it("rolls the change back when the audit event cannot be written", async () => {
    // An actor id that does not exist breaks the audit event's foreign key inside the transaction.
    await expect(
      updateOrganization(organizationId, { name: "Should not stick", plan: "FREE" }, { id: "00000000-0000-0000-0000-000000000000", label: "ghost" }),
    ).rejects.toThrow();
    expect(await db.organization.findUnique({ where: { id: organizationId }, select: { name: true, plan: true } })).toEqual({
      name: "Acme",
      plan: "STANDARD",
    });
  });

  it.each([
    [{ name: " ", plan: "FREE" }, "Enter a name of at least 2 characters."],
    [{ name: "x".repeat(101), plan: "FREE" }, "Keep the name under 100 characters."],
    [{ name: "Line\nbreak", plan: "FREE" }, "The name cannot contain line breaks or control characters."],
    [{ name: "Acme", plan: "ENTERPRISE" }, "Choose Free, Standard or Professional."],
  ])("rejects bad input with a plain message (%#)", (input, message) => {
    const result = updateOrganizationInput.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe(message);
  });
});
