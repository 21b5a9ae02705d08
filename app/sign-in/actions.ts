"use server";

import { defineAction } from "@/lib/actions/define-action";
import { AppError } from "@/lib/app-error";
import { getRequestMeta } from "@/lib/auth/request-meta";
import { returnToInput } from "@/lib/auth/schemas";
import { beginSession } from "@/lib/auth/two-step/begin-session";
import { signIn, signInInput } from "@/lib/auth/sign-in";

const signInActionInput = signInInput.extend(returnToInput.shape);

export const signInAction = defineAction({ input: signInActionInput, access: "public" }, async ({ returnTo, ...input }) => {
  const meta = await getRequestMeta();
  const result = await signIn(input, meta);
  if (result.ok) {
    // An app's single sign-on request waiting for this person: back there, now or after the second step owed.
    return { redirectTo: await beginSession(result.userId, result.adminAccess, meta, { returnTo }) };
  }
  switch (result.reason) {
    case "rate_limited": {
      const minutes = Math.max(1, Math.ceil(result.retryAfterSeconds / 60));
      throw new AppError("rate_limited", `Too many failed attempts. Wait ${minutes} minute${minutes === 1 ? "" : "s"} before trying again.`);
    }
    case "invalid_credentials":
      throw new AppError("unauthenticated", "That e-mail and password do not match an account.");
  }
});
