"use server";

import { defineAction } from "@/lib/actions/define-action";
import { AppError } from "@/lib/app-error";
import { setPasswordByLink } from "@/lib/auth/password-links";
import { getRequestMeta } from "@/lib/auth/request-meta";
import { beginSession } from "@/lib/auth/two-step/begin-session";
import { setPasswordInput } from "@/lib/auth/schemas";

const LINK_UNUSABLE = "This link has expired or was already used. Ask an admin of your organization for a new one.";

/** Public: the link's token is the proof. Sets the password, ends the person's other sessions, and signs them in here. */
export const setPasswordByLinkAction = defineAction({ input: setPasswordInput, access: "public" }, async (input) => {
  const meta = await getRequestMeta();
  const result = await setPasswordByLink(input, meta);
  if (result.ok) {
    return { redirectTo: await beginSession(result.userId, result.adminAccess, meta, { method: "one-time link" }) };
  }
  if (result.reason === "unusable") throw new AppError("not_found", LINK_UNUSABLE);
  const minutes = Math.max(1, Math.ceil(result.retryAfterSeconds / 60));
  throw new AppError("rate_limited", `Too many tries of links from your network. Wait ${minutes} minute${minutes === 1 ? "" : "s"} and open the link again.`);
});
