"use server";

import { defineAction } from "@/lib/actions/define-action";
import { AppError } from "@/lib/app-error";
import { changeOwnPassword } from "@/lib/auth/change-password";
import { getRequestMeta } from "@/lib/auth/request-meta";
import { changePasswordInput } from "@/lib/auth/schemas";

export const changePasswordAction = defineAction({ input: changePasswordInput, access: "admin access" }, async (input, session) => {
  const result = await changeOwnPassword(session!, input, await getRequestMeta());
  if (result.ok) return { endedSessions: result.endedSessions };
  if (result.reason === "wrong_current") {
    throw new AppError("invalid_input", "Your current password is not right.", { current: ["That is not your current password."] });
  }
  const minutes = Math.max(1, Math.ceil(result.retryAfterSeconds / 60));
  throw new AppError("rate_limited", `Too many wrong passwords. Wait ${minutes} minute${minutes === 1 ? "" : "s"} before trying again.`);
});
