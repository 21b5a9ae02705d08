"use server";

import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { z } from "zod";
import { defineAction } from "@/lib/actions/define-action";
import { AppError } from "@/lib/app-error";
import { createPasswordLink, createPasswordLinks } from "@/lib/auth/password-links";
import { getRequestMeta } from "@/lib/auth/request-meta";
import { resetTwoStep } from "@/lib/auth/two-step/reset-two-step";
import { signInLinksCsv } from "@/lib/csv/sign-in-links-csv";
import { USER_STATUSES, userInput, userSelection } from "@/lib/directory/schemas/user";
import { deleteUsers, selectedIdBatches, setUsersStatus } from "@/lib/directory/users/change-users";
import { createUser, updateUser } from "@/lib/directory/users/save-user";
import { writeContextFor } from "@/lib/directory/users/write-context";

export const createUserAction = defineAction({ input: userInput, access: "manage users" }, async (input, session) => {
  const user = await createUser(input, writeContextFor(session!, (await getRequestMeta()).ip));
  revalidatePath("/users");
  return { id: user.id };
});

export const updateUserAction = defineAction(
  { input: z.object({ id: z.uuid(), values: userInput }), access: "manage users" },
  async ({ id, values }, session) => {
    const result = await updateUser(id, values, writeContextFor(session!, (await getRequestMeta()).ip));
    revalidatePath("/users");
    revalidatePath(`/users/${id}`);
    return result;
  },
);

export const setUsersStatusAction = defineAction(
  { input: z.object({ selection: userSelection, status: z.enum(USER_STATUSES) }), access: "manage users" },
  async ({ selection, status }, session) => {
    const result = await setUsersStatus(selection, status, writeContextFor(session!, (await getRequestMeta()).ip));
    revalidatePath("/users", "layout");
    return result;
  },
);

export const deleteUsersAction = defineAction({ input: z.object({ selection: userSelection }), access: "manage users" }, async ({ selection }, session) => {
  const result = await deleteUsers(selection, writeContextFor(session!, (await getRequestMeta()).ip));
  revalidatePath("/users", "layout");
  return result;
});

/** A person's first sign-in (or reset) link; its token reaches the admin's browser once, in this answer. */
export const createSignInLinkAction = defineAction({ input: z.object({ userId: z.uuid() }), access: "manage users" }, async ({ userId }, session) => {
  const link = await createPasswordLink(userId, writeContextFor(session!, (await getRequestMeta()).ip));
  revalidatePath(`/users/${userId}`);
  return { path: `/set-password/${link.token}`, purpose: link.purpose, expiresAt: link.expiresAt.toISOString(), person: link.person };
});

/**
 * Resets a person's two-step sign-in (a lost phone): authenticator and recovery codes removed, their sessions ended.
 * "manage users" is checked before anything is read; the service adds the Owner-only rule for admins.
 */
export const resetTwoStepAction = defineAction({ input: z.object({ userId: z.uuid() }), access: "manage users" }, async ({ userId }, session) => {
  const result = await resetTwoStep(userId, writeContextFor(session!, (await getRequestMeta()).ip));
  revalidatePath(`/users/${userId}`);
  return result;
});

const MAX_LINKS = 1000;

/**
 * Links for the selected people as one CSV (name, e-mail, link, expiry), answered once: it is built here and
 * never stored, and the tokens exist nowhere else. People who cannot have a link are counted and named.
 */
export const createSignInLinksCsvAction = defineAction(
  { input: z.object({ selection: userSelection }), access: "manage users" },
  async ({ selection }, session) => {
    const meta = await getRequestMeta();
    const ids: string[] = [];
    for await (const batch of selectedIdBatches(session!.organization.id, selection)) {
      ids.push(...batch);
      if (ids.length > MAX_LINKS) throw new AppError("invalid_input", `Select at most ${MAX_LINKS.toLocaleString("en-US")} people for sign-in links at once.`);
    }
    const { links, skipped } = await createPasswordLinks(ids, writeContextFor(session!, meta.ip));
    const host = (await headers()).get("host") ?? "localhost";
    const origin = `${meta.secure ? "https" : "http"}://${host}`;
    const csv = signInLinksCsv(links.map((link) => ({ ...link.person, url: `${origin}/set-password/${link.token}`, expiresAt: link.expiresAt })));
    return { csv, created: links.length, skipped: skipped.map((skip) => skip.reason) };
  },
);
