import { generate } from "otplib";
import { beforeEach, describe, expect, it } from "vitest";
import { db } from "../../db";
import { makeOrganization, makePerson } from "../../testing/make-organization";
import { createSession, loadPendingSignIn, loadPersonSession, completeSignIn } from "../session";
import { secondStepOwed, setTwoStepRequirement, twoStepRequiredOf } from "./requirement";
import { checkSecondStep, confirmEnrolment, pendingEnrolment, recoveryCodesLeft, startEnrolment } from "./totp-factor";

let organizationId: string;
let person: { id: string; email: string };
const at = (iso: string) => new Date(iso);
const codeAt = (secret: string, when: Date) => generate({ secret, epoch: Math.floor(when.getTime() / 1000) });
const context = () => ({ organizationId, actorLabel: person.email, ip: null });

beforeEach(async () => {
  organizationId = (await makeOrganization()).id;
  person = await makePerson(organizationId, { email: `pat-${Date.now()}@example.com` });
});

async function enrolled(now = at("2026-12-01T10:00:00Z")) {
  const enrolment = (await startEnrolment(person.id))!;
  const secret = enrolment.secret.reveal();
  const codes = (await confirmEnrolment(person.id, await codeAt(secret, now), context(), now))!;
  return { secret, codes };
}

describe("two-step sign-in with an authenticator", () => {
  it("stores the secret encrypted, confirms with a right code, and shows ten recovery codes once (stored hashed)", async () => {
    const enrolment = (await startEnrolment(person.id))!;
    expect(enrolment.uri.reveal()).toMatch(/^otpauth:\/\/totp\/Roster:.*secret=/);
    expect(String(enrolment.secret)).not.toContain(enrolment.secret.reveal());
    const stored = await db.twoStepFactor.findUniqueOrThrow({ where: { userId: person.id }, select: { secretCiphertext: true, confirmedAt: true } });
    expect(stored.secretCiphertext).not.toContain(enrolment.secret.reveal());
    expect(stored.confirmedAt).toBeNull();
    expect((await pendingEnrolment(person.id))?.secret.reveal()).toBe(enrolment.secret.reveal());

    const now = at("2026-12-01T10:00:00Z");
    expect(await confirmEnrolment(person.id, "000000", context(), now)).toBeNull();
    const codes = (await confirmEnrolment(person.id, await codeAt(enrolment.secret.reveal(), now), context(), now))!;
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    const hashes = await db.recoveryCode.findMany({ where: { userId: person.id }, select: { codeHash: true } });
    expect(hashes.map((row) => row.codeHash).some((hash) => codes.includes(hash))).toBe(false);
    expect(await startEnrolment(person.id)).toBeNull();
    expect(await db.auditEvent.count({ where: { organizationId, action: "auth.two_step_enrolled" } })).toBe(1);
  });

  it("accepts a right code within one step of the clock, refuses a wrong one, and never the same code twice", async () => {
    const { secret } = await enrolled();
    const later = at("2026-12-01T10:05:00Z");
    expect(await checkSecondStep(person.id, "123456", later)).toBeNull();
    // A code from 30 s ago still counts (clock drift); two steps away does not.
    expect(await checkSecondStep(person.id, await codeAt(secret, at("2026-12-01T10:04:00Z")), later)).toBeNull();
    const previous = await codeAt(secret, at("2026-12-01T10:04:30Z"));
    expect(await checkSecondStep(person.id, previous, later)).toBe("code");
    expect(await checkSecondStep(person.id, previous, later)).toBeNull();
    const current = await codeAt(secret, later);
    expect(await checkSecondStep(person.id, current, later)).toBe("code");
    // Replayed, even a little later while it would still be in the window.
    expect(await checkSecondStep(person.id, current, at("2026-12-01T10:05:20Z"))).toBeNull();
  });

  it("takes a code once even when two tries race", async () => {
    const { secret } = await enrolled();
    const now = at("2026-12-01T11:00:00Z");
    const code = await codeAt(secret, now);
    const results = await Promise.all([checkSecondStep(person.id, code, now), checkSecondStep(person.id, code, now)]);
    expect(results.filter(Boolean)).toEqual(["code"]);
  });

  it("accepts each recovery code once, in any case and spacing", async () => {
    const { codes } = await enrolled();
    expect(await checkSecondStep(person.id, "abcde-fghjk")).toBeNull();
    expect(await checkSecondStep(person.id, ` ${codes[0]!.toUpperCase()} `)).toBe("recovery_code");
    expect(await checkSecondStep(person.id, codes[0]!)).toBeNull();
    expect(await recoveryCodesLeft(person.id)).toBe(9);
  });
});

describe("the organization's requirement", () => {
  it("asks for enrolment only of those it covers, and for a code of anyone enrolled", async () => {
    const admin = await makePerson(organizationId, { role: "ADMIN" });
    expect(twoStepRequiredOf("ADMINS", { role: "MEMBER" })).toBe(false);
    expect(twoStepRequiredOf("ADMINS", { role: "OWNER" })).toBe(true);
    expect(await secondStepOwed(person.id)).toBeNull();
    expect(await secondStepOwed(admin.id)).toBeNull();

    await setTwoStepRequirement(organizationId, "ADMINS", { actor: { id: admin.id, label: admin.email }, ip: null });
    expect(await secondStepOwed(person.id)).toBeNull();
    expect(await secondStepOwed(admin.id)).toBe("ENROL");
    await setTwoStepRequirement(organizationId, "EVERYONE", { actor: { id: admin.id, label: admin.email }, ip: null });
    expect(await secondStepOwed(person.id)).toBe("ENROL");
    expect(await db.auditEvent.count({ where: { organizationId, action: "organization.two_step_requirement_changed" } })).toBe(2);

    await enrolled();
    await setTwoStepRequirement(organizationId, "NOBODY", { actor: { id: admin.id, label: admin.email }, ip: null });
    expect(await secondStepOwed(person.id)).toBe("CODE");
  });

  it("signs nobody in with a pending session, and swaps it for a new one once the step is done", async () => {
    const pendingId = await createSession(person.id, { ip: null, userAgent: null }, "CODE");
    expect(await loadPersonSession(pendingId)).toBeNull();
    const pending = (await loadPendingSignIn(pendingId))!;
    expect(pending).toMatchObject({ userId: person.id, step: "CODE" });
    const fullId = await completeSignIn(pending, { ip: null, userAgent: null });
    expect(fullId).not.toBe(pendingId);
    expect(await loadPendingSignIn(pendingId)).toBeNull();
    expect(await loadPersonSession(fullId)).toMatchObject({ userId: person.id });
  });
});
