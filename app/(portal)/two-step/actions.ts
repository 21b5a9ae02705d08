"use server";

import { z } from "zod";
import { defineAction } from "@/lib/actions/define-action";
import { AppError } from "@/lib/app-error";
import { getRequestMeta } from "@/lib/auth/request-meta";
import { MY_APPS_PATH } from "@/lib/auth/require";
import { confirmTwoStepInput } from "@/lib/auth/schemas";
import { getCurrentPersonSession } from "@/lib/auth/session";
import { confirmEnrolment } from "@/lib/auth/two-step/totp-factor";

/** Any signed-in person turns on two-step sign-in for themselves; the session is checked first. */
export const confirmOwnTwoStepAction = defineAction({ input: confirmTwoStepInput, access: "public" }, async ({ code }) => {
  const session = await getCurrentPersonSession();
  if (!session) throw new AppError("unauthenticated", "Your session has ended. Sign in again to continue.");
  const meta = await getRequestMeta();
  const recoveryCodes = await confirmEnrolment(session.userId, code, { organizationId: session.organization.id, actorLabel: session.email, ip: meta.ip });
  if (!recoveryCodes) throw new AppError("invalid_input", "That code is not right. Enter the newest 6-digit code your app shows.");
  return { recoveryCodes };
});

export const finishOwnTwoStepAction = defineAction({ input: z.undefined(), access: "public" }, async () => {
  if (!(await getCurrentPersonSession())) throw new AppError("unauthenticated", "Your session has ended. Sign in again to continue.");
  return { redirectTo: MY_APPS_PATH };
});
