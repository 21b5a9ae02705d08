"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { defineAction } from "@/lib/actions/define-action";
import { setGroupPush } from "@/lib/provisioning/apps/group-push";
import { getRequestMeta } from "@/lib/auth/request-meta";
import { assignGroups, countPeopleLosingAccess, unassignGroups } from "@/lib/directory/assignments/assign-groups";
import { assignUsers, unassignUsers } from "@/lib/directory/assignments/assign-users";
import { searchGroupOptions } from "@/lib/directory/assignments/group-options";
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

const groupsInput = z.object({
  appId: z.uuid(),
  groupIds: z
    .array(z.uuid({ error: "That is not a group's id." }))
    .min(1, { error: "Choose at least one group." })
    .max(100, { error: "Choose at most 100 groups at a time." }),
});

export const assignGroupsAction = defineAction({ input: groupsInput, access: "assign apps" }, async ({ appId, groupIds }, session) => {
  const result = await assignGroups(appId, groupIds, writeContextFor(session!, (await getRequestMeta()).ip));
  revalidatePath(`/applications/${appId}`, "layout");
  return result;
});

export const unassignGroupsAction = defineAction({ input: groupsInput, access: "assign apps" }, async ({ appId, groupIds }, session) => {
  const result = await unassignGroups(appId, groupIds, writeContextFor(session!, (await getRequestMeta()).ip));
  revalidatePath(`/applications/${appId}`, "layout");
  return result;
});

export const setGroupPushAction = defineAction(
  { input: z.object({ appId: z.uuid(), groupId: z.uuid(), push: z.boolean() }), access: "assign apps" },
  async ({ appId, groupId, push }, session) => {
    const result = await setGroupPush(appId, groupId, push, writeContextFor(session!, (await getRequestMeta()).ip));
    revalidatePath(`/applications/${appId}`, "layout");
    return result;
  },
);

export const searchGroupOptionsAction = defineAction(
  { input: z.object({ appId: z.uuid(), q: z.string().max(200, { error: "Search for at most 200 characters." }) }), access: "view apps" },
  async ({ appId, q }, session) => searchGroupOptions(session!.organization.id, appId, q),
);

export const countPeopleLosingAccessAction = defineAction(
  { input: z.object({ appId: z.uuid(), groupId: z.uuid() }), access: "view apps" },
  async ({ appId, groupId }, session) => ({ people: await countPeopleLosingAccess(session!.organization.id, appId, groupId) }),
);
