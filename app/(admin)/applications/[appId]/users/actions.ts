"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { defineAction } from "@/lib/actions/define-action";
import { getRequestMeta } from "@/lib/auth/request-meta";
import { assignUsers, unassignUsers } from "@/lib/directory/assignments/assign-users";
import { userSelection } from "@/lib/directory/schemas/user";
import { writeContextFor } from "@/lib/directory/users/write-context";

const input = z.object({ appId: z.uuid(), selection: userSelection });

export const assignUsersAction = defineAction({ input, access: "assign apps" }, async ({ appId, selection }, session) => {
  const result = await assignUsers(appId, selection, writeContextFor(session!, (await getRequestMeta()).ip));
  revalidatePath(`/applications/${appId}`, "layout");
  return result;
});

export const unassignUsersAction = defineAction({ input, access: "assign apps" }, async ({ appId, selection }, session) => {
  const result = await unassignUsers(appId, selection, writeContextFor(session!, (await getRequestMeta()).ip));
  revalidatePath(`/applications/${appId}`, "layout");
  return result;
});
