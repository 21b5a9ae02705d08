import "server-only";
import { AppError } from "../../app-error";
import { recordAuditEvent } from "../../audit/record-audit-event";
import { db } from "../../db";
import { settleSuccessfulSignIn, takeSignInAttempt } from "../sign-in-limiter";
import { drawEnrolment, type EnrolmentView } from "./enrolment-view";
import { twoStepRequiredOf } from "./requirement";
import { checkSecondStep, confirmReplacement, hasTwoStep, replaceRecoveryCodes, startReplacement } from "./totp-factor";

/** The signed-in person changing their own two-step sign-in. */
export interface OwnTwoStepContext {
  userId: string;
  email: string;
  organizationId: string;
  ip: string | null;
}

const WRONG_CODE = "That code is not right, or was already used. Enter the newest code from your app, or one of your recovery codes.";

/** Whether the organization's setting requires two-step sign-in of this person (so they may not turn it off). */
export async function isTwoStepRequiredOf(userId: string): Promise<boolean> {
  const user = await db.user.findUniqueOrThrow({ where: { id: userId }, select: { role: true, organization: { select: { twoStepRequired: true } } } });
  return twoStepRequiredOf(user.organization.twoStepRequired, user);
}

/**
 * A code from the current authenticator, or a recovery code, before anything changes: each try counts like a
 * password try for the person's e-mail and address (sign-in-limiter.ts), so a borrowed session cannot guess six
 * digits in bulk. Throws an AppError in plain words when the code is wrong or the tries are used up.
 */
async function requireOwnCode(context: OwnTwoStepContext, code: string): Promise<void> {
  if (!(await hasTwoStep(context.userId))) throw new AppError("conflict", "Two-step sign-in is not on for you.");
  const attempt = await takeSignInAttempt(context.email, context.ip);
  if (!attempt.allowed) {
    const minutes = Math.max(1, Math.ceil(attempt.retryAfterSeconds / 60));
    throw new AppError("rate_limited", `Too many wrong codes. Wait ${minutes} minute${minutes === 1 ? "" : "s"} before trying again.`);
  }
  if (!(await checkSecondStep(context.userId, code))) throw new AppError("invalid_input", WRONG_CODE, { code: [WRONG_CODE] });
  await settleSuccessfulSignIn(context.email, context.ip);
}

const audit = (context: OwnTwoStepContext, action: string) => ({
  organizationId: context.organizationId,
  actor: { id: context.userId, label: context.email },
  action,
  target: { type: "user", id: context.userId, label: context.email },
  ip: context.ip,
});

/**
 * Turns two-step sign-in off after a right code: the authenticator and recovery codes are removed, audited in the
 * same transaction. Refused when the organization requires it of this person (they may replace the authenticator).
 */
export async function turnOffOwnTwoStep(context: OwnTwoStepContext, code: string): Promise<void> {
  if (await isTwoStepRequiredOf(context.userId)) {
    throw new AppError(
      "forbidden",
      "Your organization requires two-step sign-in for you, so it cannot be turned off. You can replace your authenticator instead.",
    );
  }
  await requireOwnCode(context, code);
  await db.$transaction(async (tx) => {
    await tx.twoStepFactor.deleteMany({ where: { userId: context.userId } });
    await tx.recoveryCode.deleteMany({ where: { userId: context.userId } });
    await recordAuditEvent(tx, audit(context, "auth.two_step_turned_off"));
  });
}

/** Ten new recovery codes after a right code, answered once; every earlier one stops working. */
export async function renewOwnRecoveryCodes(context: OwnTwoStepContext, code: string): Promise<string[]> {
  await requireOwnCode(context, code);
  return db.$transaction(async (tx) => {
    const codes = await replaceRecoveryCodes(tx, context.userId);
    await recordAuditEvent(tx, audit(context, "auth.recovery_codes_renewed"));
    return codes;
  });
}

/** After a right code from the current authenticator (or a recovery code): the new authenticator's QR code and key. */
export async function beginOwnReplacement(context: OwnTwoStepContext, code: string): Promise<EnrolmentView> {
  await requireOwnCode(context, code);
  const enrolment = await startReplacement(context.userId);
  if (!enrolment) throw new AppError("conflict", "Two-step sign-in is not on for you.");
  return drawEnrolment(enrolment);
}

/** A code from the new authenticator makes it the person's; the old one stops working. Audited. */
export async function finishOwnReplacement(context: OwnTwoStepContext, code: string): Promise<void> {
  if (!(await confirmReplacement(context.userId, code, (tx) => recordAuditEvent(tx, audit(context, "auth.two_step_replaced"))))) {
    const message = "That code is not right. Enter the newest 6-digit code the new app shows.";
    throw new AppError("invalid_input", message, { code: [message] });
  }
}
