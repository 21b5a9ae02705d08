import "server-only";
import { createHash, randomInt } from "node:crypto";
import { generateSecret, generateURI, verify } from "otplib";
import { recordAuditEvent } from "../../audit/record-audit-event";
import { db, type Tx } from "../../db";
import { decryptSecret, encryptSecret } from "../../secrets/encrypt-secret";
import { Secret } from "../../secrets/secret";

/** Codes from one 30-second step before or after the server's clock still count (clocks drift). */
const TOLERANCE_SECONDS = 30;
export const RECOVERY_CODE_COUNT = 10;
const ISSUER = "Roster";

/** The secret's ciphertext is bound to its person: copied to another row, it does not decrypt. */
const secretContext = (userId: string) => `two-step:${userId}`;
const hashRecoveryCode = (code: string) => createHash("sha256").update(normaliseRecoveryCode(code), "utf8").digest("hex");
const normaliseRecoveryCode = (code: string) => code.replace(/[\s-]/g, "").toLowerCase();
const ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";

/** Ten characters from an alphabet without look-alikes, shown as `xxxxx-xxxxx` (about 49 bits each). */
function newRecoveryCode(): string {
  const chars = Array.from({ length: 10 }, () => ALPHABET[randomInt(ALPHABET.length)]).join("");
  return `${chars.slice(0, 5)}-${chars.slice(5)}`;
}

export interface Enrolment {
  /** The base32 secret, for typing into an app by hand; shown on the enrolment page only. */
  secret: Secret;
  /** The otpauth:// URI the QR code holds. */
  uri: Secret;
}

/**
 * Starts (or restarts) setting up an authenticator: a new secret, stored encrypted and unconfirmed. A confirmed
 * factor is not replaced here: the person turns it off first.
 */
export async function startEnrolment(userId: string): Promise<Enrolment | null> {
  const user = await db.user.findUniqueOrThrow({ where: { id: userId }, select: { email: true, twoStepFactor: { select: { confirmedAt: true } } } });
  if (user.twoStepFactor?.confirmedAt) return null;
  const secret = new Secret(generateSecret());
  const secretCiphertext = encryptSecret(secret, secretContext(userId));
  await db.twoStepFactor.upsert({
    where: { userId },
    create: { userId, secretCiphertext },
    update: { secretCiphertext, confirmedAt: null, lastUsedStep: null },
  });
  return { secret, uri: new Secret(generateURI({ issuer: ISSUER, label: user.email, secret: secret.reveal() })) };
}

/** The unconfirmed secret again (the enrolment page re-rendered), or null when there is none. */
export async function pendingEnrolment(userId: string): Promise<Enrolment | null> {
  const factor = await db.twoStepFactor.findUnique({
    where: { userId },
    select: { secretCiphertext: true, confirmedAt: true, user: { select: { email: true } } },
  });
  if (!factor || factor.confirmedAt) return null;
  const secret = decryptSecret(factor.secretCiphertext, secretContext(userId));
  return { secret, uri: new Secret(generateURI({ issuer: ISSUER, label: factor.user.email, secret: secret.reveal() })) };
}

/**
 * Checks a code against the person's secret and spends its time step, so the same code (or an older one)
 * never works twice: the step is taken by one conditional UPDATE, which two parallel tries cannot both win.
 */
async function takeCode(userId: string, code: string, confirmed: boolean, now: Date): Promise<boolean> {
  const factor = await db.twoStepFactor.findUnique({ where: { userId }, select: { secretCiphertext: true, confirmedAt: true, lastUsedStep: true } });
  if (!factor || Boolean(factor.confirmedAt) !== confirmed || !/^\d{6}$/.test(code)) return false;
  const secret = decryptSecret(factor.secretCiphertext, secretContext(userId));
  const result = await verify({
    secret: secret.reveal(),
    token: code,
    epoch: Math.floor(now.getTime() / 1000),
    epochTolerance: TOLERANCE_SECONDS,
    ...(factor.lastUsedStep !== null ? { afterTimeStep: Number(factor.lastUsedStep) } : {}),
  });
  if (!result.valid || !("timeStep" in result)) return false;
  const step = BigInt(result.timeStep);
  const { count } = await db.twoStepFactor.updateMany({
    where: { userId, OR: [{ lastUsedStep: null }, { lastUsedStep: { lt: step } }] },
    data: { lastUsedStep: step, ...(confirmed ? {} : { confirmedAt: now }) },
  });
  return count === 1;
}

/**
 * Confirms the authenticator with a code from it, and answers the ten recovery codes, once (only their SHA-256
 * is kept). A wrong code answers null and changes nothing.
 */
export async function confirmEnrolment(
  userId: string,
  code: string,
  context: { organizationId: string; actorLabel: string; ip: string | null },
  now = new Date(),
): Promise<string[] | null> {
  if (!(await takeCode(userId, code.trim(), false, now))) return null;
  return db.$transaction(async (tx) => {
    const codes = await replaceRecoveryCodes(tx, userId);
    await recordAuditEvent(tx, {
      organizationId: context.organizationId,
      actor: { id: userId, label: context.actorLabel },
      action: "auth.two_step_enrolled",
      target: { type: "user", id: userId, label: context.actorLabel },
      ip: context.ip,
    });
    return codes;
  });
}

/**
 * A fresh set of ten recovery codes in place of every earlier one (used or not), answered once: only their
 * SHA-256 is kept. Pass the transaction of the change that goes with it.
 */
export async function replaceRecoveryCodes(tx: Tx, userId: string): Promise<string[]> {
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
  await tx.recoveryCode.deleteMany({ where: { userId } });
  await tx.recoveryCode.createMany({ data: codes.map((recovery) => ({ userId, codeHash: hashRecoveryCode(recovery) })) });
  return codes;
}

/**
 * Starts replacing a confirmed authenticator: a new secret waits, encrypted, beside the current one, which keeps
 * working until a code from the new one confirms it. Starting again replaces the waiting secret. The caller has
 * checked a code from the current authenticator (or a recovery code) first. Null when there is nothing to replace.
 */
export async function startReplacement(userId: string): Promise<Enrolment | null> {
  const factor = await db.twoStepFactor.findUnique({ where: { userId }, select: { confirmedAt: true, user: { select: { email: true } } } });
  if (!factor?.confirmedAt) return null;
  const secret = new Secret(generateSecret());
  const { count } = await db.twoStepFactor.updateMany({
    where: { userId, confirmedAt: { not: null } },
    data: { pendingSecretCiphertext: encryptSecret(secret, secretContext(userId)) },
  });
  if (count !== 1) return null;
  return { secret, uri: new Secret(generateURI({ issuer: ISSUER, label: factor.user.email, secret: secret.reveal() })) };
}

/**
 * Confirms the waiting authenticator with a code from it: it becomes the person's authenticator (that code spent)
 * and the old one stops working; `record` audits it in the same transaction. The recovery codes stay as they are.
 * False for a wrong code, or nothing waiting.
 */
export async function confirmReplacement(userId: string, code: string, record: (tx: Tx) => Promise<void>, now = new Date()): Promise<boolean> {
  const value = code.trim();
  const factor = await db.twoStepFactor.findUnique({ where: { userId }, select: { pendingSecretCiphertext: true } });
  if (!factor?.pendingSecretCiphertext || !/^\d{6}$/.test(value)) return false;
  const pending = factor.pendingSecretCiphertext;
  const secret = decryptSecret(pending, secretContext(userId));
  const result = await verify({ secret: secret.reveal(), token: value, epoch: Math.floor(now.getTime() / 1000), epochTolerance: TOLERANCE_SECONDS });
  if (!result.valid || !("timeStep" in result)) return false;
  // Only the secret that was checked is swapped in: a replacement started again meanwhile is not confirmed by this code.
  return db.$transaction(async (tx) => {
    const { count } = await tx.twoStepFactor.updateMany({
      where: { userId, pendingSecretCiphertext: pending },
      data: { secretCiphertext: pending, pendingSecretCiphertext: null, lastUsedStep: BigInt(result.timeStep) },
    });
    if (count === 1) await record(tx);
    return count === 1;
  });
}

export async function hasTwoStep(userId: string): Promise<boolean> {
  return (await db.twoStepFactor.count({ where: { userId, confirmedAt: { not: null } } })) > 0;
}

/**
 * The second step of signing in: a code from the authenticator (each works once), or a recovery code (each
 * works once, ever). Answers how it was passed, or null.
 */
export async function checkSecondStep(userId: string, input: string, now = new Date()): Promise<"code" | "recovery_code" | null> {
  const value = input.trim();
  if (/^\d{6}$/.test(value)) return (await takeCode(userId, value, true, now)) ? "code" : null;
  if (!(await hasTwoStep(userId))) return null;
  const { count } = await db.recoveryCode.updateMany({ where: { userId, codeHash: hashRecoveryCode(value), usedAt: null }, data: { usedAt: now } });
  return count === 1 ? "recovery_code" : null;
}

/** How many unused recovery codes a person has left. */
export async function recoveryCodesLeft(userId: string): Promise<number> {
  return db.recoveryCode.count({ where: { userId, usedAt: null } });
}
