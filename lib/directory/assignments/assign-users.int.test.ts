import { beforeEach, describe, expect, it } from "vitest";
import { db } from "../../db";
import { makeOrganization, makePerson } from "../../testing/make-organization";
import { assignUsers, unassignUsers } from "./assign-users";

let organizationId: string;
let appId: string;
let context: { organizationId: string; actor: { id: string; label: string }; ip: null };

beforeEach(async () => {
  organizationId = (await makeOrganization()).id;
  const owner = await makePerson(organizationId, { role: "OWNER" });
  context = { organizationId, actor: { id: owner.id, label: owner.email }, ip: null };
  appId = (await db.app.create({ data: { organizationId, catalogKey: "atlassian", name: "Atlassian" } })).id;
});

describe("assignments", () => {
  it("assigns once, audits each person, and unassigns", async () => {
    const a = await makePerson(organizationId);
    const b = await makePerson(organizationId);
    expect(await assignUsers(appId, { ids: [a.id, b.id] }, context)).toEqual({ changed: 2 });
    expect(await assignUsers(appId, { ids: [a.id, b.id] }, context)).toEqual({ changed: 0 });
    expect(await db.assignment.count({ where: { appId } })).toBe(2);
    expect(await db.auditEvent.findFirst({ where: { targetId: a.id, action: "user.assigned" }, select: { changes: true } })).toEqual({
      changes: { app: { from: null, to: "Atlassian" } },
    });
    expect(await unassignUsers(appId, { ids: [a.id] }, context)).toEqual({ changed: 1, skipped: [], skippedCount: 0 });
    expect(await db.assignment.findMany({ where: { appId }, select: { userId: true } })).toEqual([{ userId: b.id }]);
  });

  it("assigns everyone matching a filter, and never people of another organization", async () => {
    const other = await makeOrganization("Other");
    const stranger = await makePerson(other.id);
    await db.user.createMany({
      data: Array.from({ length: 30 }, (_, i) => ({ organizationId, email: `eng${i}@example.com`, firstName: "E", lastName: `${i}`, department: "Eng" })),
    });
    expect(await assignUsers(appId, { filter: { department: "Eng" } }, context)).toEqual({ changed: 30 });
    expect(await assignUsers(appId, { ids: [stranger.id] }, context)).toEqual({ changed: 0 });
    expect(await db.assignment.count({ where: { appId } })).toBe(30);
  });

  it("refuses an app of another organization", async () => {
    const other = await makeOrganization("Other");
    const foreignApp = await db.app.create({ data: { organizationId: other.id, catalogKey: "scim", name: "Theirs" } });
    const person = await makePerson(organizationId);
    await expect(assignUsers(foreignApp.id, { ids: [person.id] }, context)).rejects.toMatchObject({ code: "not_found" });
  });
});
