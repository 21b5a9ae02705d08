"use server";

import { z } from "zod";
import { defineAction } from "@/lib/actions/define-action";
import { AppError } from "@/lib/app-error";
import { getRequestMeta } from "@/lib/auth/request-meta";
import { safeReturnTo } from "@/lib/auth/return-to";
import { createSession } from "@/lib/auth/session";
import { writeSessionId } from "@/lib/auth/session-cookie";
import { signIn, signInInput } from "@/lib/auth/sign-in";

const signInActionInput = signInInput.extend({
  returnTo: z
    .string()
    .max(16 * 1024)
    .nullish(),
});

export const signInAction = defineAction({ input: signInActionInput, access: "public" }, async ({ returnTo, ...input }) => {
  const meta = await getRequestMeta();
  const result = await signIn(input, meta);
  if (result.ok) {
    await writeSessionId(await createSession(result.userId, meta), meta.secure);
    return { redirectTo: safeReturnTo(returnTo) ?? "/" };
  }
  switch (result.reason) {
    case "rate_limited": {
      const minutes = Math.max(1, Math.ceil(result.retryAfterSeconds / 60));
      throw new AppError("rate_limited", `Too many failed attempts. Wait ${minutes} minute${minutes === 1 ? "" : "s"} before trying again.`);
    }
    case "no_admin_access":
      throw new AppError("forbidden", "Your account has no access to the admin panel. Ask an Owner of your organization if you need it.");
    case "invalid_credentials":
      throw new AppError("unauthenticated", "That e-mail and password do not match an admin account.");
  }
});
