import { beforeEach, describe, expect, it } from "vitest";
import { db } from "../../db";
import { createSession, loadSession } from "../../auth/session";
import { makeOrganization, makePerson } from "../../testing/make-organization";
import type { UserWriteContext } from "../users/user-audit";
import { listAdmins, searchAdminCandidates } from "./list-admins";
import { revokeAdminAccess, setAdminAccess } from "./set-admin-access";

let organizationId: string;
let owner: { id: string; email: string };
const as = (actor: { id: string; email: string }): UserWriteContext => ({ organizationId, actor: { id: actor.id, label: actor.email }, ip: "10.0.0.9" });
const roleOf = async (id: string) => db.user.findUniqueOrThrow({ where: { id }, select: { role: true, permissions: true } });
const actionsOn = async (id: string) =>
  (await db.auditEvent.findMany({ where: { targetId: id }, orderBy: { createdAt: "asc" }, select: { action: true, changes: true } })).map(
    (event) => event.action,
  );

beforeEach(async () => {
  organizationId = (await makeOrganization()).id;
  owner = await makePerson(organizationId, { role: "OWNER", password: "owner-password-123" });
});

describe("granting and changing admin access", () => {
  it("makes a person an Admin with chosen permissions, changes them, and records each change", async () => {
    const person = await makePerson(organizationId, { email: "dana@example.com" });
    expect(await setAdminAccess({ userId: person.id, role: "ADMIN", permissions: ["MANAGE_USERS", "VIEW_APPS"] }, as(owner))).toEqual({
      action: "admin.granted",
    });
    expect(await roleOf(person.id)).toEqual({ role: "ADMIN", permissions: ["VIEW_APPS", "MANAGE_USERS"] });

    expect(await setAdminAccess({ userId: person.id, role: "ADMIN", permissions: ["VIEW_APPS"] }, as(owner))).toEqual({ action: "admin.permissions_changed" });
    expect(await setAdminAccess({ userId: person.id, role: "ADMIN", permissions: ["VIEW_APPS"] }, as(owner))).toEqual({ action: null });
    expect(await roleOf(person.id)).toEqual({ role: "ADMIN", permissions: ["VIEW_APPS"] });

    const events = await db.auditEvent.findMany({
      where: { targetId: person.id },
      orderBy: { createdAt: "asc" },
      select: { action: true, actorId: true, changes: true },
    });
    expect(events).toEqual([
      {
        action: "admin.granted",
        actorId: owner.id,
        changes: { role: { from: null, to: "ADMIN" }, permissions: { from: [], to: ["VIEW_APPS", "MANAGE_USERS"] } },
      },
      { action: "admin.permissions_changed", actorId: owner.id, changes: { permissions: { from: ["VIEW_APPS", "MANAGE_USERS"], to: ["VIEW_APPS"] } } },
    ]);

    const rows = await listAdmins(organizationId);
    expect(rows.map((row) => [row.email, row.role, row.permissions, row.hasPassword])).toEqual([
      [owner.email, "OWNER", [], true],
      ["dana@example.com", "ADMIN", ["VIEW_APPS"], false],
    ]);
    expect(await searchAdminCandidates(organizationId, "dana")).toEqual([]);
  });

  it("adds an Owner and steps an Owner down to Admin", async () => {
    const admin = await makePerson(organizationId, { role: "ADMIN", permissions: ["VIEW_APPS"] });
    expect(await setAdminAccess({ userId: admin.id, role: "OWNER", permissions: ["VIEW_APPS"] }, as(owner))).toEqual({ action: "owner.added" });
    expect(await roleOf(admin.id)).toEqual({ role: "OWNER", permissions: [] });
    expect(await setAdminAccess({ userId: owner.id, role: "ADMIN", permissions: ["ASSIGN_APPS"] }, as(owner))).toEqual({ action: "owner.stepped_down" });
    expect(await roleOf(owner.id)).toEqual({ role: "ADMIN", permissions: ["ASSIGN_APPS"] });
    // The former Owner is an Admin now: they change no one's access any more.
    await expect(setAdminAccess({ userId: admin.id, role: "ADMIN", permissions: [] }, as(owner))).rejects.toThrow(
      "Only an Owner can change who has admin access.",
    );
  });

  it("never gives an inactive person admin access, and only an Owner gives it", async () => {
    const inactive = await makePerson(organizationId, { status: "INACTIVE" });
    await expect(setAdminAccess({ userId: inactive.id, role: "ADMIN", permissions: [] }, as(owner))).rejects.toThrow(/is inactive\. Activate them/);
    const admin = await makePerson(organizationId, { role: "ADMIN", permissions: ["VIEW_APPS", "ASSIGN_APPS", "IMPORT_USERS", "MANAGE_USERS"] });
    const person = await makePerson(organizationId);
    await expect(setAdminAccess({ userId: person.id, role: "ADMIN", permissions: [] }, as(admin))).rejects.toThrow(
      "Only an Owner can change who has admin access.",
    );
    const other = await makeOrganization("Other");
    const stranger = await makePerson(other.id);
    await expect(setAdminAccess({ userId: stranger.id, role: "ADMIN", permissions: [] }, as(owner))).rejects.toThrow("no longer in the directory");
    expect(await roleOf(inactive.id)).toEqual({ role: null, permissions: [] });
    expect(await roleOf(person.id)).toEqual({ role: null, permissions: [] });
  });
});

describe("revoking admin access", () => {
  it("clears the role and permissions and ends the person's sessions at once", async () => {
    const admin = await makePerson(organizationId, { role: "ADMIN", permissions: ["VIEW_APPS"], password: "admin-password-123" });
    const sessionId = await createSession(admin.id, { ip: null, userAgent: "test" });
    expect(await loadSession(sessionId)).not.toBeNull();
    expect(await revokeAdminAccess(admin.id, as(owner))).toEqual({ endedSessions: 1 });
    expect(await roleOf(admin.id)).toEqual({ role: null, permissions: [] });
    expect(await db.session.count({ where: { userId: admin.id } })).toBe(0);
    expect(await loadSession(sessionId)).toBeNull();
    expect(await actionsOn(admin.id)).toEqual(["admin.revoked"]);
    await expect(revokeAdminAccess(admin.id, as(owner))).rejects.toThrow("has no admin access to revoke");
  });

  it("never removes the last active Owner, even themselves", async () => {
    await expect(revokeAdminAccess(owner.id, as(owner))).rejects.toThrow(/last active Owner/);
    await expect(setAdminAccess({ userId: owner.id, role: "ADMIN", permissions: [] }, as(owner))).rejects.toThrow(/last active Owner/);
    expect(await roleOf(owner.id)).toEqual({ role: "OWNER", permissions: [] });
  });

  it("lets only one of two concurrent demotions of the last two Owners through", async () => {
    const second = await makePerson(organizationId, { role: "OWNER" });
    for (let round = 0; round < 3; round++) {
      // Each Owner steps the other down at the same moment; one must be refused.
      const results = await Promise.allSettled([
        setAdminAccess({ userId: second.id, role: "ADMIN", permissions: [] }, as(owner)),
        revokeAdminAccess(owner.id, as(second)),
      ]);
      expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
      const refused = results.find((result) => result.status === "rejected") as PromiseRejectedResult;
      expect(String(refused.reason)).toMatch(/last active Owner|Only an Owner/);
      expect(await db.user.count({ where: { organizationId, role: "OWNER", status: "ACTIVE" } })).toBe(1);
      // Back to two Owners for the next round.
      await db.user.updateMany({ where: { id: { in: [owner.id, second.id] } }, data: { role: "OWNER", permissions: [] } });
    }
  });

  it("lets only one of two concurrent self-demotions through", async () => {
    const second = await makePerson(organizationId, { role: "OWNER" });
    const results = await Promise.allSettled([
      setAdminAccess({ userId: owner.id, role: "ADMIN", permissions: [] }, as(owner)),
      setAdminAccess({ userId: second.id, role: "ADMIN", permissions: [] }, as(second)),
    ]);
    expect(results.map((result) => result.status).sort()).toEqual(["fulfilled", "rejected"]);
    expect(await db.user.count({ where: { organizationId, role: "OWNER", status: "ACTIVE" } })).toBe(1);
  });
});
