"use server";

import { defineAction } from "@/lib/actions/define-action";
import { AppError } from "@/lib/app-error";
import { getRequestMeta } from "@/lib/auth/request-meta";
import { returnToOr } from "@/lib/auth/return-to";
import { returnToInput, secondStepInput } from "@/lib/auth/schemas";
import { getPendingSignIn } from "@/lib/auth/session";
import { writeSessionId } from "@/lib/auth/session-cookie";
import { landingPath } from "@/lib/auth/two-step/begin-session";
import { passSecondStep } from "@/lib/auth/two-step/second-step";

const START_AGAIN = "Your sign-in has timed out. Sign in again with your password.";

/**
 * Public: the pending session (password already checked) is the proof; the code finishes the sign-in, which then goes
 * back to the app's waiting request when there is one (checked again here).
 */
export const passSecondStepAction = defineAction({ input: secondStepInput.extend(returnToInput.shape), access: "public" }, async ({ code, returnTo }) => {
  const pending = await getPendingSignIn();
  if (!pending || pending.step !== "CODE") throw new AppError("unauthenticated", START_AGAIN);
  const meta = await getRequestMeta();
  const result = await passSecondStep(pending, code, meta);
  if (result.ok) {
    await writeSessionId(result.sessionId, meta.secure);
    return { redirectTo: returnToOr(landingPath(result.adminAccess), returnTo) };
  }
  if (result.reason === "wrong_code") throw new AppError("unauthenticated", "That code is not right, or was already used. Try the newest code from your app.");
  const minutes = Math.max(1, Math.ceil(result.retryAfterSeconds / 60));
  throw new AppError("rate_limited", `Too many wrong codes. Wait ${minutes} minute${minutes === 1 ? "" : "s"} before trying again.`);
});
