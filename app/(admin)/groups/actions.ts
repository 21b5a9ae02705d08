"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/actions/define-action";
import { can } from "@/lib/auth/permissions";
import { getRequestMeta } from "@/lib/auth/request-meta";
import { deleteGroup, getGroupDeletionImpact } from "@/lib/directory/groups/delete-group";
import { addGroupMembers, removeGroupMembers } from "@/lib/directory/groups/group-members";
import { searchPeopleForGroup } from "@/lib/directory/groups/list-group-members";
import { searchGroups } from "@/lib/directory/groups/list-groups";
import { createGroup, describeGroup, renameGroup } from "@/lib/directory/groups/save-group";
import { createGroupInput, groupIdInput, groupMembersInput, peopleToAddInput, pickerSearchInput, updateGroupInput } from "@/lib/directory/schemas/group";
import { AppError } from "@/lib/app-error";
import { writeContextFor } from "@/lib/directory/users/write-context";

/** Groups show on the groups pages and on people's pages: both are refreshed after a change. */
function revalidateGroups() {
  revalidatePath("/groups", "layout");
  revalidatePath("/users", "layout");
}

export const createGroupAction = defineAction({ input: createGroupInput, access: "manage users" }, async (input, session) => {
  const group = await createGroup(input, writeContextFor(session!, (await getRequestMeta()).ip));
  revalidateGroups();
  return group;
});

/** "Edit details": the name first (a taken name changes nothing), then the description. */
export const updateGroupAction = defineAction({ input: updateGroupInput, access: "manage users" }, async ({ id, name, description }, session) => {
  const context = writeContextFor(session!, (await getRequestMeta()).ip);
  const renamed = await renameGroup(id, name, context);
  const described = await describeGroup(id, description, context);
  revalidateGroups();
  return { id, changed: renamed.changed || described.changed };
});

export const groupDeletionImpactAction = defineAction({ input: groupIdInput, access: "manage users" }, async ({ id }, session) => {
  const impact = await getGroupDeletionImpact(session!.organization.id, id);
  if (!impact) throw new AppError("not_found", "This group no longer exists.");
  // App names are app data: without "view apps" the consequences are told without them.
  if (can(session!, "view apps")) return impact;
  return { ...impact, apps: impact.apps.map((app, index) => ({ ...app, name: `App ${index + 1}` })) };
});

export const deleteGroupAction = defineAction({ input: groupIdInput, access: "manage users" }, async ({ id }, session) => {
  const group = await deleteGroup(id, writeContextFor(session!, (await getRequestMeta()).ip));
  revalidateGroups();
  return group;
});

export const addGroupMembersAction = defineAction({ input: groupMembersInput, access: "manage users" }, async ({ groupId, selection }, session) => {
  const result = await addGroupMembers(groupId, selection, writeContextFor(session!, (await getRequestMeta()).ip));
  revalidateGroups();
  return result;
});

export const removeGroupMembersAction = defineAction({ input: groupMembersInput, access: "manage users" }, async ({ groupId, selection }, session) => {
  const result = await removeGroupMembers(groupId, selection, writeContextFor(session!, (await getRequestMeta()).ip));
  revalidateGroups();
  return result;
});

/** "Add people"'s search: the first people matching, each saying whether they are in the group already. */
export const searchPeopleForGroupAction = defineAction({ input: peopleToAddInput, access: "manage users" }, async ({ groupId, query }, session) =>
  searchPeopleForGroup(session!.organization.id, groupId, query),
);

/** "Add to group…"'s search: the first groups whose name contains the text. */
export const searchGroupsAction = defineAction({ input: pickerSearchInput, access: "manage users" }, async ({ query }, session) =>
  searchGroups(session!.organization.id, query),
);
