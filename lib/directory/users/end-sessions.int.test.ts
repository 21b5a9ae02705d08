import { beforeEach, describe, expect, it } from "vitest";
import { createSession, loadPersonSession, loadSession } from "../../auth/session";
import { db } from "../../db";
import { makeOrganization, makePerson } from "../../testing/make-organization";
import { userInput } from "../schemas/user";
import { deleteUsers, setUsersStatus } from "./change-users";
import { updateUser } from "./save-user";

let organizationId: string;
let context: { organizationId: string; actor: { id: string; label: string }; ip: string; actorRole: string };

beforeEach(async () => {
  organizationId = (await makeOrganization()).id;
  const owner = await makePerson(organizationId, { role: "OWNER", email: `owner-${Date.now()}@example.com` });
  context = { organizationId, actor: { id: owner.id, label: owner.email }, ip: "198.51.100.4", actorRole: "OWNER" };
});

const meta = { ip: null, userAgent: "test" };

describe("a person's Roster sessions", () => {
  it("belong to any active person, but only an admin's open the admin panel", async () => {
    const person = await makePerson(organizationId, { email: "pat@example.com" });
    const sessionId = await createSession(person.id, meta);
    expect(await loadPersonSession(sessionId)).toMatchObject({ userId: person.id, role: null, adminAccess: false });
    expect(await loadSession(sessionId)).toBeNull();
    const owner = await loadSession(await createSession(context.actor.id, meta));
    expect(owner).toMatchObject({ userId: context.actor.id, role: "OWNER", adminAccess: true });
  });

  it("end in the same transaction as a bulk deactivation, and only that person's", async () => {
    const gone = await makePerson(organizationId, { email: "gone@example.com" });
    const stays = await makePerson(organizationId, { email: "stays@example.com" });
    const goneSession = await createSession(gone.id, meta);
    const staysSession = await createSession(stays.id, meta);
    expect((await setUsersStatus({ ids: [gone.id] }, "INACTIVE", context)).changed).toBe(1);
    expect(await db.session.count({ where: { userId: gone.id } })).toBe(0);
    expect(await loadPersonSession(goneSession)).toBeNull();
    expect(await loadPersonSession(staysSession)).not.toBeNull();
    // Activating them again does not bring the old session back.
    await setUsersStatus({ ids: [gone.id] }, "ACTIVE", context);
    expect(await loadPersonSession(goneSession)).toBeNull();
  });

  it("end when the edit form deactivates the person, and survive other edits", async () => {
    const person = await makePerson(organizationId, { email: "edit@example.com" });
    const sessionId = await createSession(person.id, meta);
    const base = { email: "edit@example.com", firstName: "Edit", lastName: "Me" };
    await updateUser(person.id, userInput.parse({ ...base, department: "Sales" }), context);
    expect(await db.session.count({ where: { id: sessionId } })).toBe(1);
    await updateUser(person.id, userInput.parse({ ...base, department: "Sales", status: "INACTIVE" }), context);
    expect(await db.session.count({ where: { id: sessionId } })).toBe(0);
  });

  it("end when the person is deleted", async () => {
    const person = await makePerson(organizationId, { email: "deleted@example.com" });
    const sessionId = await createSession(person.id, meta);
    expect((await deleteUsers({ ids: [person.id] }, context)).changed).toBe(1);
    expect(await db.session.count({ where: { id: sessionId } })).toBe(0);
  });
});
