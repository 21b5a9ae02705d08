"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { defineAction } from "@/lib/actions/define-action";
import { AppError } from "@/lib/app-error";
import { getRequestMeta } from "@/lib/auth/request-meta";
import { MY_APPS_PATH } from "@/lib/auth/require";
import { confirmTwoStepInput, secondStepInput } from "@/lib/auth/schemas";
import { getCurrentPersonSession } from "@/lib/auth/session";
import {
  beginOwnReplacement,
  finishOwnReplacement,
  renewOwnRecoveryCodes,
  turnOffOwnTwoStep,
  type OwnTwoStepContext,
} from "@/lib/auth/two-step/manage-own-two-step";
import { confirmEnrolment } from "@/lib/auth/two-step/totp-factor";

const SIGNED_OUT = "Your session has ended. Sign in again to continue.";

/** The signed-in person (checked first, before anything is read), as the context of a change to their own two-step sign-in. */
async function ownContext(): Promise<OwnTwoStepContext> {
  const session = await getCurrentPersonSession();
  if (!session) throw new AppError("unauthenticated", SIGNED_OUT);
  return { userId: session.userId, email: session.email, organizationId: session.organization.id, ip: (await getRequestMeta()).ip };
}

/** Any signed-in person turns on two-step sign-in for themselves; the session is checked first. */
export const confirmOwnTwoStepAction = defineAction({ input: confirmTwoStepInput, access: "public" }, async ({ code }) => {
  const session = await getCurrentPersonSession();
  if (!session) throw new AppError("unauthenticated", SIGNED_OUT);
  const meta = await getRequestMeta();
  const recoveryCodes = await confirmEnrolment(session.userId, code, { organizationId: session.organization.id, actorLabel: session.email, ip: meta.ip });
  if (!recoveryCodes) throw new AppError("invalid_input", "That code is not right. Enter the newest 6-digit code your app shows.");
  return { recoveryCodes };
});

export const finishOwnTwoStepAction = defineAction({ input: z.undefined(), access: "public" }, async () => {
  if (!(await getCurrentPersonSession())) throw new AppError("unauthenticated", SIGNED_OUT);
  return { redirectTo: MY_APPS_PATH };
});

/** Turns two-step sign-in off after a code (or a recovery code); refused when the organization requires it. */
export const turnOffOwnTwoStepAction = defineAction({ input: secondStepInput, access: "public" }, async ({ code }) => {
  await turnOffOwnTwoStep(await ownContext(), code);
  revalidatePath("/two-step");
  return {};
});

/** Ten new recovery codes after a code; answered once, the earlier ones stop working. */
export const renewOwnRecoveryCodesAction = defineAction({ input: secondStepInput, access: "public" }, async ({ code }) => {
  return { recoveryCodes: await renewOwnRecoveryCodes(await ownContext(), code) };
});

/** After a code from the current authenticator: the new one's QR code and key (the old one keeps working until confirmed). */
export const beginOwnReplacementAction = defineAction({ input: secondStepInput, access: "public" }, async ({ code }) => {
  return beginOwnReplacement(await ownContext(), code);
});

/** A code from the new authenticator makes it the person's one. */
export const finishOwnReplacementAction = defineAction({ input: confirmTwoStepInput, access: "public" }, async ({ code }) => {
  await finishOwnReplacement(await ownContext(), code);
  revalidatePath("/two-step");
  return {};
});
