import { beforeEach, describe, expect, it } from "vitest";
import { db } from "../db";
import { makeOrganization, makePerson } from "../testing/make-organization";
import { changeOwnPassword } from "./change-password";
import { verifyPassword } from "./password";
import { checkPasswordLink, createPasswordLink, hashLinkToken, setPasswordByLink } from "./password-links";
import { createSession, loadSession } from "./session";

let organizationId: string;
let owner: { id: string; email: string };
const context = () => ({ organizationId, actor: { id: owner.id, label: owner.email }, ip: "10.0.0.7" });
const hashOf = async (id: string) => (await db.user.findUniqueOrThrow({ where: { id }, select: { passwordHash: true } })).passwordHash;
const NEW_PASSWORD = "a brand new password";

beforeEach(async () => {
  await db.rateLimit.deleteMany();
  organizationId = (await makeOrganization()).id;
  owner = await makePerson(organizationId, { role: "OWNER", password: "owner-password-123" });
});

describe("password links", () => {
  it("invites a new admin: stores only the token's SHA-256, works once, then signs nobody in again", async () => {
    const admin = await makePerson(organizationId, { role: "ADMIN", permissions: ["VIEW_APPS"] });
    const link = await createPasswordLink(admin.id, context());
    expect(link.purpose).toBe("INVITE");
    expect(link.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(link.expiresAt.getTime() - Date.now()).toBeGreaterThan(23.9 * 3600 * 1000);
    const stored = await db.passwordLink.findMany({ where: { userId: admin.id }, select: { tokenHash: true, createdById: true } });
    expect(stored).toEqual([{ tokenHash: hashLinkToken(link.token), createdById: owner.id }]);
    expect(JSON.stringify(await db.auditEvent.findMany({ where: { organizationId } }))).not.toContain(link.token);

    expect(await checkPasswordLink(link.token, { ip: null })).toMatchObject({ state: "usable", purpose: "INVITE" });
    const staleSession = await createSession(admin.id, { ip: null, userAgent: "old" });
    expect(await setPasswordByLink({ token: link.token, password: NEW_PASSWORD }, { ip: null })).toEqual({ ok: true, userId: admin.id, adminAccess: true });
    expect(await verifyPassword((await hashOf(admin.id))!, NEW_PASSWORD)).toBe(true);
    expect(await loadSession(staleSession)).toBeNull();

    // Used: refused, and the password stays.
    expect(await checkPasswordLink(link.token, { ip: null })).toEqual({ state: "unusable" });
    expect(await setPasswordByLink({ token: link.token, password: "another password 1" }, { ip: null })).toEqual({ ok: false, reason: "unusable" });
    expect(await verifyPassword((await hashOf(admin.id))!, NEW_PASSWORD)).toBe(true);
    const actions = await db.auditEvent.findMany({ where: { targetId: admin.id }, orderBy: { createdAt: "asc" }, select: { action: true, actorId: true } });
    expect(actions).toEqual([
      { action: "admin.invite_link_created", actorId: owner.id },
      { action: "admin.password_set_by_link", actorId: admin.id },
    ]);
    // With a password now, the next link is a reset.
    expect((await createPasswordLink(admin.id, context())).purpose).toBe("RESET");
  });

  it("lets two tabs racing on one link set the password only once", async () => {
    const admin = await makePerson(organizationId, { role: "ADMIN" });
    const { token } = await createPasswordLink(admin.id, context());
    const results = await Promise.all([
      setPasswordByLink({ token, password: "first password 123" }, { ip: null }),
      setPasswordByLink({ token, password: "second password 123" }, { ip: null }),
    ]);
    expect(results.filter((result) => result.ok)).toHaveLength(1);
    expect(await db.auditEvent.count({ where: { organizationId, action: "admin.password_set_by_link" } })).toBe(1);
  });

  it("refuses an expired link and one replaced by a newer link", async () => {
    const admin = await makePerson(organizationId, { role: "ADMIN" });
    const first = await createPasswordLink(admin.id, context());
    const second = await createPasswordLink(admin.id, context());
    expect(await checkPasswordLink(first.token, { ip: null })).toEqual({ state: "unusable" });
    expect(await setPasswordByLink({ token: first.token, password: NEW_PASSWORD }, { ip: null })).toEqual({ ok: false, reason: "unusable" });
    expect(await checkPasswordLink(second.token, { ip: null })).toMatchObject({ state: "usable" });

    await db.passwordLink.updateMany({ where: { tokenHash: hashLinkToken(second.token) }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await checkPasswordLink(second.token, { ip: null })).toEqual({ state: "unusable" });
    expect(await setPasswordByLink({ token: second.token, password: NEW_PASSWORD }, { ip: null })).toEqual({ ok: false, reason: "unusable" });
    expect(await hashOf(admin.id)).toBeNull();
  });

  it("gives any active person a first sign-in link, created by an Admin who may manage users, and it works once", async () => {
    const person = await makePerson(organizationId, { email: "pat.person@example.com" });
    const peopleAdmin = await makePerson(organizationId, { role: "ADMIN", permissions: ["MANAGE_USERS"] });
    const asPeopleAdmin = { organizationId, actor: { id: peopleAdmin.id, label: peopleAdmin.email }, ip: null };
    const link = await createPasswordLink(person.id, asPeopleAdmin);
    expect(link).toMatchObject({ purpose: "INVITE", person: { email: "pat.person@example.com" } });
    expect(await db.auditEvent.count({ where: { organizationId, action: "admin.invite_link_created", targetId: person.id, actorId: peopleAdmin.id } })).toBe(1);
    expect(await setPasswordByLink({ token: link.token, password: NEW_PASSWORD }, { ip: null })).toEqual({ ok: true, userId: person.id, adminAccess: false });
    expect(await setPasswordByLink({ token: link.token, password: "another password 1" }, { ip: null })).toEqual({ ok: false, reason: "unusable" });
    expect(await verifyPassword((await hashOf(person.id))!, NEW_PASSWORD)).toBe(true);
  });

  it("refuses a link from an Admin without “manage users”, and an Admin's link for an admin, and writes nothing", async () => {
    const person = await makePerson(organizationId);
    const admin = await makePerson(organizationId, { role: "ADMIN", permissions: ["MANAGE_USERS"] });
    const viewer = await makePerson(organizationId, { role: "ADMIN", permissions: ["VIEW_APPS"] });
    const as = (actor: { id: string; email: string }) => ({ organizationId, actor: { id: actor.id, label: actor.email }, ip: null });
    await expect(createPasswordLink(person.id, as(viewer))).rejects.toThrow("You need the “manage users” permission to do this.");
    await expect(createPasswordLink(viewer.id, as(admin))).rejects.toThrow("Only an Owner can create a sign-in link for");
    expect(await db.passwordLink.count({ where: { organizationId } })).toBe(0);
  });

  it("refuses a link of someone deactivated after it was made", async () => {
    const person = await makePerson(organizationId);
    const { token } = await createPasswordLink(person.id, context());
    await db.user.update({ where: { id: person.id }, data: { status: "INACTIVE" } });
    expect(await checkPasswordLink(token, { ip: null })).toEqual({ state: "unusable" });
    expect(await setPasswordByLink({ token, password: NEW_PASSWORD }, { ip: null })).toEqual({ ok: false, reason: "unusable" });
  });

  it("limits tries of unknown tokens per address, and a working link gives its try back", async () => {
    const admin = await makePerson(organizationId, { role: "ADMIN" });
    const { token } = await createPasswordLink(admin.id, context());
    for (let attempt = 0; attempt < 5; attempt++) expect((await checkPasswordLink(token, { ip: "198.51.100.4" })).state).toBe("usable");
    for (let attempt = 0; attempt < 30; attempt++) expect((await checkPasswordLink(`guess-${attempt}`, { ip: "198.51.100.4" })).state).toBe("unusable");
    expect(await checkPasswordLink(token, { ip: "198.51.100.4" })).toMatchObject({ state: "rate_limited" });
    expect(await setPasswordByLink({ token, password: NEW_PASSWORD }, { ip: "198.51.100.4" })).toMatchObject({ ok: false, reason: "rate_limited" });
    expect(await checkPasswordLink(token, { ip: "198.51.100.5" })).toMatchObject({ state: "usable" });
  });
});

describe("changing one's own password", () => {
  it("refuses a wrong current password and, on success, ends the other sessions but keeps this one", async () => {
    const admin = await makePerson(organizationId, { role: "ADMIN", password: "old-password-123" });
    const here = await createSession(admin.id, { ip: null, userAgent: "here" });
    const elsewhere = await createSession(admin.id, { ip: null, userAgent: "elsewhere" });
    const session = (await loadSession(here))!;

    expect(await changeOwnPassword(session, { current: "not-my-password", password: NEW_PASSWORD }, { ip: null })).toEqual({
      ok: false,
      reason: "wrong_current",
    });
    expect(await verifyPassword((await hashOf(admin.id))!, "old-password-123")).toBe(true);
    expect(await loadSession(elsewhere)).not.toBeNull();

    expect(await changeOwnPassword(session, { current: "old-password-123", password: NEW_PASSWORD }, { ip: null })).toEqual({ ok: true, endedSessions: 1 });
    expect(await verifyPassword((await hashOf(admin.id))!, NEW_PASSWORD)).toBe(true);
    expect(await loadSession(elsewhere)).toBeNull();
    expect(await loadSession(here)).not.toBeNull();
    expect(await db.auditEvent.count({ where: { targetId: admin.id, action: "admin.password_changed" } })).toBe(1);
  });

  it("counts wrong current passwords like failed sign-ins", async () => {
    const admin = await makePerson(organizationId, { role: "ADMIN", password: "old-password-123" });
    const session = (await loadSession(await createSession(admin.id, { ip: null, userAgent: "here" })))!;
    for (let attempt = 0; attempt < 5; attempt++) {
      expect(await changeOwnPassword(session, { current: `wrong-${attempt}`, password: NEW_PASSWORD }, { ip: null })).toEqual({
        ok: false,
        reason: "wrong_current",
      });
    }
    expect(await changeOwnPassword(session, { current: "old-password-123", password: NEW_PASSWORD }, { ip: null })).toMatchObject({ reason: "rate_limited" });
  });
});
