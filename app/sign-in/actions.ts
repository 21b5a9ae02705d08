"use server";

import { z } from "zod";
import { defineAction } from "@/lib/actions/define-action";
import { AppError } from "@/lib/app-error";
import { getRequestMeta } from "@/lib/auth/request-meta";
import { safeReturnTo } from "@/lib/auth/return-to";
import { beginSession, landingPath } from "@/lib/auth/two-step/begin-session";
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
    const next = await beginSession(result.userId, result.adminAccess, meta);
    // An app's single sign-on request waiting for this person: back there, once no second step is owed (a person who
    // still owes a code lands on My apps after it, and opens the app from there).
    return { redirectTo: next === landingPath(result.adminAccess) ? (safeReturnTo(returnTo) ?? next) : next };
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
