"use server";

import { defineAction } from "@/lib/actions/define-action";
import { AppError } from "@/lib/app-error";
import { getRequestMeta } from "@/lib/auth/request-meta";
import { returnToOr } from "@/lib/auth/return-to";
import { confirmTwoStepInput, returnToInput } from "@/lib/auth/schemas";
import { getPendingSignIn } from "@/lib/auth/session";
import { writeSessionId } from "@/lib/auth/session-cookie";
import { landingPath, recordSignInOf } from "@/lib/auth/two-step/begin-session";
import { finishPendingSignIn } from "@/lib/auth/two-step/second-step";
import { confirmEnrolment } from "@/lib/auth/two-step/totp-factor";

const START_AGAIN = "Your sign-in has timed out. Sign in again with your password.";

async function pendingEnrolment() {
  const pending = await getPendingSignIn();
  if (!pending || pending.step !== "ENROL") throw new AppError("unauthenticated", START_AGAIN);
  return pending;
}

/** Public: the pending session (password already checked, enrolment required) is the proof. */
export const confirmRequiredTwoStepAction = defineAction({ input: confirmTwoStepInput, access: "public" }, async ({ code }) => {
  const pending = await pendingEnrolment();
  const meta = await getRequestMeta();
  const recoveryCodes = await confirmEnrolment(pending.userId, code, { organizationId: pending.organizationId, actorLabel: pending.email, ip: meta.ip });
  if (!recoveryCodes) throw new AppError("invalid_input", "That code is not right. Enter the newest 6-digit code your app shows.");
  return { recoveryCodes };
});

/** Bound by the page to the app's waiting request (if any), which the finished sign-in goes back to (checked again here). */
export const finishRequiredTwoStepAction = defineAction({ input: returnToInput, access: "public" }, async ({ returnTo }) => {
  const pending = await pendingEnrolment();
  const meta = await getRequestMeta();
  const result = await finishPendingSignIn(pending, meta);
  await recordSignInOf(pending.userId, { outcome: "SUCCEEDED", method: "password, then set up two-step sign-in", ip: meta.ip });
  await writeSessionId(result.sessionId, meta.secure);
  return { redirectTo: returnToOr(landingPath(result.adminAccess), returnTo) };
});
