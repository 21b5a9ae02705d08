"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { defineAction } from "@/lib/actions/define-action";
import { getRequestMeta } from "@/lib/auth/request-meta";
import { USER_STATUSES, userInput, userSelection } from "@/lib/directory/schemas/user";
import { deleteUsers, setUsersStatus } from "@/lib/directory/users/change-users";
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
