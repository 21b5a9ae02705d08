import "server-only";
import { hasAdminAccess } from "../permissions";
import { db } from "../../db";
import type { RequestMeta } from "../request-meta";
import { completeSignIn, type PendingSignIn } from "../session";
import { settleSuccessfulSignIn, takeSignInAttempt } from "../sign-in-limiter";
import { AppError } from "../../app-error";
import { recordSignInOf } from "./begin-session";
import { checkSecondStep, hasTwoStep } from "./totp-factor";

export type SecondStepResult =
  | { ok: true; sessionId: string; adminAccess: boolean }
  | { ok: false; reason: "wrong_code" }
  | { ok: false; reason: "rate_limited"; retryAfterSeconds: number };

/**
 * Finishes a sign-in that owes a code: each try counts like a password try for the person's e-mail and address
 * (so six digits cannot be guessed in bulk), and a right code swaps the pending session for a full one.
 */
export async function passSecondStep(pending: PendingSignIn, code: string, meta: Pick<RequestMeta, "ip" | "userAgent">): Promise<SecondStepResult> {
  const attempt = await takeSignInAttempt(pending.email, meta.ip);
  if (!attempt.allowed) {
    await recordSignInOf(pending.userId, { outcome: "FAILED", reason: "rate_limited", ip: meta.ip });
    return { ok: false, reason: "rate_limited", retryAfterSeconds: attempt.retryAfterSeconds };
  }
  const passed = await checkSecondStep(pending.userId, code);
  if (!passed) {
    await recordSignInOf(pending.userId, { outcome: "FAILED", reason: "wrong_code", ip: meta.ip });
    return { ok: false, reason: "wrong_code" };
  }
  await settleSuccessfulSignIn(pending.email, meta.ip);
  const result = await finishPendingSignIn(pending, meta);
  await recordSignInOf(pending.userId, { outcome: "SUCCEEDED", method: passed === "code" ? "password and code" : "password and recovery code", ip: meta.ip });
  return result;
}

/** Swaps a pending session for a full one (after the code, or after setting up an authenticator). */
export async function finishPendingSignIn(
  pending: PendingSignIn,
  meta: Pick<RequestMeta, "ip" | "userAgent">,
): Promise<{ ok: true; sessionId: string; adminAccess: boolean }> {
  if (pending.step === "ENROL" && !(await hasTwoStep(pending.userId))) throw new AppError("conflict", "Set up your authenticator app first, then continue.");
  const user = await db.user.findUniqueOrThrow({ where: { id: pending.userId }, select: { role: true, permissions: true } });
  return { ok: true, sessionId: await completeSignIn(pending, meta), adminAccess: hasAdminAccess(user) };
}
