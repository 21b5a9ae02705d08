import { generate } from "otplib";
import { beforeEach, describe, expect, it } from "vitest";
import { db } from "../../db";
import { makeOrganization, makePerson } from "../../testing/make-organization";
import { createSession } from "../session";
import { beginOwnReplacement, finishOwnReplacement, renewOwnRecoveryCodes, turnOffOwnTwoStep, type OwnTwoStepContext } from "./manage-own-two-step";
import { setTwoStepRequirement } from "./requirement";
import { getTwoStepStatus, resetTwoStep } from "./reset-two-step";
import { checkSecondStep, confirmEnrolment, hasTwoStep, startEnrolment } from "./totp-factor";

let organizationId: string;
let owner: { id: string; email: string };
let person: { id: string; email: string };
const codeAt = (secret: string, when = new Date()) => generate({ secret, epoch: Math.floor(when.getTime() / 1000) });
const ownContext = (who = person): OwnTwoStepContext => ({ userId: who.id, email: who.email, organizationId, ip: null });
const actor = (who: { id: string; email: string }) => ({ organizationId, actor: { id: who.id, label: who.email }, ip: null });

beforeEach(async () => {
  await db.rateLimit.deleteMany();
  organizationId = (await makeOrganization()).id;
  owner = await makePerson(organizationId, { role: "OWNER" });
  person = await makePerson(organizationId);
});

/** Sets up an authenticator a minute ago, so that a code for now is a newer step than the one spent confirming it. */
async function enrolled(who = person) {
  const minuteAgo = new Date(Date.now() - 60_000);
  const secret = (await startEnrolment(who.id))!.secret.reveal();
  const codes = (await confirmEnrolment(who.id, await codeAt(secret, minuteAgo), { organizationId, actorLabel: who.email, ip: null }, minuteAgo))!;
  return { secret, codes };
}

const rejection = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (error: { code: string; message: string }) => ({ code: error.code, message: error.message }),
  );

describe("an admin resets a person's two-step sign-in", () => {
  it("removes the authenticator and recovery codes, ends every session of theirs, and records it", async () => {
    await enrolled();
    await createSession(person.id, { ip: null, userAgent: null });
    await createSession(person.id, { ip: null, userAgent: null }, "CODE");
    const ownerSession = await createSession(owner.id, { ip: null, userAgent: null });
    expect(await getTwoStepStatus(organizationId, person.id)).toEqual({ on: true, recoveryCodesLeft: 10 });

    expect(await resetTwoStep(person.id, actor(owner))).toEqual({ endedSessions: 2, person: { name: "Test Person" } });
    expect(await hasTwoStep(person.id)).toBe(false);
    expect(await db.twoStepFactor.count({ where: { userId: person.id } })).toBe(0);
    expect(await db.recoveryCode.count({ where: { userId: person.id } })).toBe(0);
    expect(await db.session.count({ where: { userId: person.id } })).toBe(0);
    expect(await db.session.count({ where: { id: ownerSession } })).toBe(1);
    expect(await getTwoStepStatus(organizationId, person.id)).toEqual({ on: false, recoveryCodesLeft: 0 });
    const event = await db.auditEvent.findFirstOrThrow({
      where: { organizationId, action: "person.two_step_reset" },
      select: { actorId: true, targetId: true, changes: true },
    });
    expect(event).toMatchObject({
      actorId: owner.id,
      targetId: person.id,
      changes: { recoveryCodes: { from: 10, to: 0 }, endedSessions: { from: null, to: 2 } },
    });

    // Nothing left to reset.
    expect(await rejection(resetTwoStep(person.id, actor(owner)))).toMatchObject({ code: "conflict" });
  });

  it("follows the sign-in link rule: an Admin who manages users for people, only an Owner for admins, nobody for themselves", async () => {
    const admin = await makePerson(organizationId, { role: "ADMIN", permissions: ["MANAGE_USERS"] });
    const viewer = await makePerson(organizationId, { role: "ADMIN", permissions: ["VIEW_APPS"] });
    const otherAdmin = await makePerson(organizationId, { role: "ADMIN", permissions: ["MANAGE_USERS"] });
    await enrolled();
    await enrolled(otherAdmin);
    await enrolled(owner);

    expect(await rejection(resetTwoStep(person.id, actor(viewer)))).toMatchObject({ code: "forbidden" });
    expect(await rejection(resetTwoStep(otherAdmin.id, actor(admin)))).toMatchObject({ code: "forbidden", message: expect.stringContaining("Only an Owner") });
    expect(await rejection(resetTwoStep(owner.id, actor(owner)))).toMatchObject({ code: "conflict" });
    expect(await hasTwoStep(person.id)).toBe(true);
    expect(await hasTwoStep(otherAdmin.id)).toBe(true);
    expect(await hasTwoStep(owner.id)).toBe(true);

    await resetTwoStep(person.id, actor(admin));
    await resetTwoStep(otherAdmin.id, actor(owner));
    expect(await hasTwoStep(person.id)).toBe(false);
    expect(await hasTwoStep(otherAdmin.id)).toBe(false);

    // Someone in another organization is not found.
    const elsewhere = await makePerson((await makeOrganization("Other")).id);
    expect(await rejection(resetTwoStep(elsewhere.id, actor(owner)))).toMatchObject({ code: "not_found" });
  });
});

describe("a person's own two-step sign-in", () => {
  it("turns off only after a right code (or a recovery code), and records it", async () => {
    const { secret } = await enrolled();
    expect(await rejection(turnOffOwnTwoStep(ownContext(), "000000"))).toMatchObject({ code: "invalid_input" });
    expect(await rejection(turnOffOwnTwoStep(ownContext(), "abcde-fghjk"))).toMatchObject({ code: "invalid_input" });
    expect(await hasTwoStep(person.id)).toBe(true);

    await turnOffOwnTwoStep(ownContext(), await codeAt(secret));
    expect(await hasTwoStep(person.id)).toBe(false);
    expect(await db.recoveryCode.count({ where: { userId: person.id } })).toBe(0);
    expect(await db.auditEvent.count({ where: { organizationId, action: "auth.two_step_turned_off", actorId: person.id } })).toBe(1);
  });

  it("is refused turning off when the organization requires it, even with a right code", async () => {
    const { codes } = await enrolled();
    await setTwoStepRequirement(organizationId, "EVERYONE", { actor: { id: owner.id, label: owner.email }, ip: null });
    expect(await rejection(turnOffOwnTwoStep(ownContext(), codes[0]!))).toMatchObject({
      code: "forbidden",
      message: expect.stringContaining("requires two-step sign-in for you"),
    });
    expect(await hasTwoStep(person.id)).toBe(true);
    // The recovery code was not spent on the refusal.
    expect(await checkSecondStep(person.id, codes[0]!)).toBe("recovery_code");
  });

  it("stops guessing after five wrong codes, like a password", async () => {
    const { secret } = await enrolled();
    for (let attempt = 0; attempt < 5; attempt++) await rejection(turnOffOwnTwoStep(ownContext(), `00000${attempt}`));
    expect(await rejection(turnOffOwnTwoStep(ownContext(), await codeAt(secret)))).toMatchObject({ code: "rate_limited" });
    expect(await hasTwoStep(person.id)).toBe(true);
  });

  it("makes new recovery codes after a right code: the old ones stop working, the new ones work once", async () => {
    const { codes: old } = await enrolled();
    expect(await rejection(renewOwnRecoveryCodes(ownContext(), "000000"))).toMatchObject({ code: "invalid_input" });
    const fresh = await renewOwnRecoveryCodes(ownContext(), old[0]!);
    expect(fresh).toHaveLength(10);
    expect(fresh.some((code) => old.includes(code))).toBe(false);
    expect(await checkSecondStep(person.id, old[1]!)).toBeNull();
    expect(await checkSecondStep(person.id, fresh[0]!)).toBe("recovery_code");
    expect(await checkSecondStep(person.id, fresh[0]!)).toBeNull();
    expect(await db.auditEvent.count({ where: { organizationId, action: "auth.recovery_codes_renewed" } })).toBe(1);
  });

  it("replaces the authenticator: the old one works until the new one is confirmed, then only the new one", async () => {
    const { secret: oldSecret, codes } = await enrolled();
    await setTwoStepRequirement(organizationId, "EVERYONE", { actor: { id: owner.id, label: owner.email }, ip: null });
    expect(await rejection(beginOwnReplacement(ownContext(), "000000"))).toMatchObject({ code: "invalid_input" });
    const view = await beginOwnReplacement(ownContext(), codes[0]!);
    expect(view.qrSvg).toContain("<svg");
    const newSecret = view.secret;
    expect(newSecret).not.toBe(oldSecret);

    const now = new Date();
    expect(await checkSecondStep(person.id, await codeAt(oldSecret, now), now)).toBe("code");
    expect(await rejection(finishOwnReplacement(ownContext(), await codeAt(oldSecret, new Date(now.getTime() + 30_000))))).toMatchObject({
      code: "invalid_input",
    });
    await finishOwnReplacement(ownContext(), await codeAt(newSecret, now));

    const later = new Date(now.getTime() + 30_000);
    expect(await checkSecondStep(person.id, await codeAt(oldSecret, later), later)).toBeNull();
    expect(await checkSecondStep(person.id, await codeAt(newSecret, later), later)).toBe("code");
    // Recovery codes are kept; nothing waits any more.
    expect(await checkSecondStep(person.id, codes[1]!)).toBe("recovery_code");
    expect(await rejection(finishOwnReplacement(ownContext(), await codeAt(newSecret, new Date(now.getTime() + 60_000))))).toMatchObject({
      code: "invalid_input",
    });
    expect(await db.auditEvent.count({ where: { organizationId, action: "auth.two_step_replaced" } })).toBe(1);
  });
});
