import { beforeEach, describe, expect, it } from "vitest";
import { db } from "../db";
import { makeOrganization, makePerson } from "../testing/make-organization";
import { createSession, loadSession } from "./session";
import { signIn, signInInput } from "./sign-in";

const PASSWORD = "correct horse battery staple";
let organizationId: string;

beforeEach(async () => {
  await db.rateLimit.deleteMany();
  organizationId = (await makeOrganization()).id;
});

const input = (email: string, password: string) => signInInput.parse({ email, password });

describe("signIn", () => {
  it("accepts an Owner's right password, case-insensitively on the e-mail, and records the sign-in", async () => {
    const owner = await makePerson(organizationId, { email: "owner@example.com", role: "OWNER", password: PASSWORD });
    const result = await signIn(input("  Owner@Example.COM ", PASSWORD), { ip: "10.0.0.1" });
    expect(result).toEqual({ ok: true, userId: owner.id, adminAccess: true });
    const events = await db.auditEvent.findMany({ where: { organizationId }, select: { action: true, actorId: true, ip: true } });
    expect(events).toEqual([{ action: "auth.signed_in", actorId: owner.id, ip: "10.0.0.1" }]);
  });

  it("answers a wrong password and an unknown e-mail the same way", async () => {
    await makePerson(organizationId, { email: "admin@example.com", role: "ADMIN", password: PASSWORD });
    const wrongPassword = await signIn(input("admin@example.com", "nope"), { ip: null });
    const unknownEmail = await signIn(input("nobody@example.com", PASSWORD), { ip: null });
    expect(wrongPassword).toEqual({ ok: false, reason: "invalid_credentials" });
    expect(unknownEmail).toEqual(wrongPassword);
    expect(await db.auditEvent.count({ where: { action: "auth.sign_in_failed" } })).toBe(1);
  });

  it("lets a Member and a person without a role in, without admin access", async () => {
    const member = await makePerson(organizationId, { email: "member@example.com", role: "MEMBER", password: PASSWORD });
    const person = await makePerson(organizationId, { email: "person@example.com", password: PASSWORD });
    expect(await signIn(input("member@example.com", PASSWORD), { ip: null })).toEqual({ ok: true, userId: member.id, adminAccess: false });
    expect(await signIn(input("person@example.com", PASSWORD), { ip: null })).toEqual({ ok: true, userId: person.id, adminAccess: false });
    expect(await db.auditEvent.count({ where: { organizationId, action: "auth.signed_in" } })).toBe(2);
  });

  it("refuses a deactivated admin", async () => {
    await makePerson(organizationId, { email: "gone@example.com", role: "OWNER", password: PASSWORD, status: "INACTIVE" });
    expect(await signIn(input("gone@example.com", PASSWORD), { ip: null })).toEqual({ ok: false, reason: "invalid_credentials" });
  });

  it("locks an e-mail after five failures, even for the right password, and tells how long", async () => {
    await makePerson(organizationId, { email: "target@example.com", role: "OWNER", password: PASSWORD });
    for (let attempt = 0; attempt < 5; attempt++) {
      expect((await signIn(input("target@example.com", `guess-${attempt}`), { ip: `10.0.0.${attempt}` })).ok).toBe(false);
    }
    const locked = await signIn(input("target@example.com", PASSWORD), { ip: "10.9.9.9" });
    expect(locked).toMatchObject({ ok: false, reason: "rate_limited" });
    expect(locked.ok === false && locked.reason === "rate_limited" && locked.retryAfterSeconds).toBeGreaterThan(800);
  });

  it("records a refusal by the rate limit in the person's sign-in log, and nothing for an e-mail that belongs to nobody", async () => {
    const person = await makePerson(organizationId, { email: "locked@example.com", password: PASSWORD });
    for (let attempt = 0; attempt < 6; attempt++) await signIn(input("locked@example.com", `guess-${attempt}`), { ip: `10.1.0.${attempt}` });
    for (let attempt = 0; attempt < 6; attempt++) await signIn(input("nobody-here@example.com", `guess-${attempt}`), { ip: `10.2.0.${attempt}` });
    const rows = await db.signInEvent.findMany({ where: { organizationId, userId: person.id }, select: { outcome: true, reason: true, ip: true } });
    expect(rows.filter((row) => row.reason === "wrong_password")).toHaveLength(5);
    expect(rows.filter((row) => row.reason === "rate_limited")).toEqual([{ outcome: "FAILED", reason: "rate_limited", ip: "10.1.0.5" }]);
    expect(await db.signInEvent.count({ where: { userLabel: "nobody-here@example.com" } })).toBe(0);
  });

  it("locks an address that tries many e-mails", async () => {
    for (let attempt = 0; attempt < 30; attempt++) {
      await signIn(input(`user${attempt}@example.com`, "x"), { ip: "192.0.2.7" });
    }
    expect(await signIn(input("another@example.com", "x"), { ip: "192.0.2.7" })).toMatchObject({ reason: "rate_limited" });
    expect(await signIn(input("another@example.com", "x"), { ip: "192.0.2.8" })).toMatchObject({ reason: "invalid_credentials" });
  });

  it("forgets earlier failures after a successful sign-in, and does not count successes against the address", async () => {
    await makePerson(organizationId, { email: "typo@example.com", role: "OWNER", password: PASSWORD });
    for (let round = 0; round < 6; round++) {
      for (let attempt = 0; attempt < 4; attempt++) await signIn(input("typo@example.com", "wrong"), { ip: "10.0.0.50" });
      expect((await signIn(input("typo@example.com", PASSWORD), { ip: "10.0.0.50" })).ok).toBe(true);
    }
    // 30 attempts so far, 24 of them failures: the address is not locked.
    expect(await signIn(input("typo@example.com", "wrong"), { ip: "10.0.0.50" })).toEqual({ ok: false, reason: "invalid_credentials" });
  });

  it("checks at most five passwords of a burst of 40 parallel guesses for one e-mail, and keeps the e-mail locked until the window ends", async () => {
    const target = await makePerson(organizationId, { email: "burst@example.com", role: "OWNER", password: PASSWORD });
    // Each guess from its own address, as an attacker rotating addresses would.
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, attempt) => signIn(input("burst@example.com", `guess-${attempt}`), { ip: `198.51.100.${attempt + 1}` })),
    );

    // Every password Argon2 verified and found wrong leaves one audit event; the refused ones leave none.
    const verified = await db.auditEvent.count({ where: { action: "auth.sign_in_failed", targetId: target.id } });
    expect(verified).toBe(5);
    expect(results.filter((result) => !result.ok && result.reason === "invalid_credentials")).toHaveLength(verified);
    expect(results.filter((result) => !result.ok && result.reason === "rate_limited")).toHaveLength(40 - verified);

    const rightPassword = await signIn(input("burst@example.com", PASSWORD), { ip: "203.0.113.5" });
    expect(rightPassword).toMatchObject({ ok: false, reason: "rate_limited" });
    expect(rightPassword.ok === false && rightPassword.reason === "rate_limited" && rightPassword.retryAfterSeconds).toBeGreaterThan(800);
    expect(await db.auditEvent.count({ where: { action: "auth.signed_in", targetId: target.id } })).toBe(0);

    // The window ends: the e-mail's count is forgotten and the owner gets in.
    const { count } = await db.rateLimit.updateMany({ where: { key: "sign-in:email:burst@example.com" }, data: { expire: new Date(Date.now() - 1000) } });
    expect(count).toBe(1);
    expect(await signIn(input("burst@example.com", PASSWORD), { ip: "203.0.113.5" })).toEqual({ ok: true, userId: target.id, adminAccess: true });
  });

  it("checks at most thirty passwords of a burst of 40 parallel guesses from one address", async () => {
    const results = await Promise.all(Array.from({ length: 40 }, (_, attempt) => signIn(input(`spray${attempt}@example.com`, "guess"), { ip: "192.0.2.99" })));
    expect(results.filter((result) => !result.ok && result.reason === "invalid_credentials")).toHaveLength(30);
    expect(results.filter((result) => !result.ok && result.reason === "rate_limited")).toHaveLength(10);
    expect(await signIn(input("someone@example.com", "guess"), { ip: "192.0.2.99" })).toMatchObject({ reason: "rate_limited" });
  });

  it("rejects malformed input with plain words", () => {
    const result = signInInput.safeParse({ email: "not-an-email", password: "" });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.message)).toEqual(["Enter the e-mail address you sign in with.", "Enter your password."]);
  });
});

describe("sessions", () => {
  it("stores only a hash-free random id and loses access when the admin is demoted or the session expires", async () => {
    const admin = await makePerson(organizationId, { role: "ADMIN", permissions: ["VIEW_APPS"], password: PASSWORD });
    const sessionId = await createSession(admin.id, { ip: null, userAgent: "test" });
    expect(sessionId).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(await loadSession(sessionId)).toMatchObject({ userId: admin.id, role: "ADMIN", permissions: ["VIEW_APPS"] });

    await db.user.update({ where: { id: admin.id }, data: { role: "MEMBER" } });
    expect(await loadSession(sessionId)).toBeNull();

    await db.user.update({ where: { id: admin.id }, data: { role: "ADMIN" } });
    await db.session.update({ where: { id: sessionId }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await loadSession(sessionId)).toBeNull();
    expect(await loadSession("forged-session-id")).toBeNull();
  });
});
