/**
 * A directory group's fields and the groups pages' queries, validated the same way in the forms (through
 * zodResolver) and on the server. Pure zod: safe to import in the browser.
 */
import { z } from "zod";
import { searchText, searchTextFromUrl } from "../../http/search-text";
import { userSelection } from "./user";

const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/;
export const GROUP_NAME_MAX = 120;
export const GROUP_DESCRIPTION_MAX = 1000;

export const groupName = z
  .string()
  .trim()
  .min(1, { error: "Enter a name for the group." })
  .max(GROUP_NAME_MAX, { error: `Keep the name under ${GROUP_NAME_MAX} characters.` })
  .refine((value) => !CONTROL_CHARACTERS.test(value), { error: "The name cannot contain line breaks or control characters." });

export const groupDescription = z
  .string()
  .trim()
  .max(GROUP_DESCRIPTION_MAX, { error: `Keep the description under ${GROUP_DESCRIPTION_MAX.toLocaleString("en-US")} characters.` })
  // A description may span lines; other control characters have no place in it.
  .refine((value) => !/[\u0000-\u0009\u000b-\u001f\u007f]/.test(value), { error: "The description cannot contain control characters." });

export const createGroupInput = z.object({ name: groupName, description: groupDescription.default("") });
export type CreateGroupInput = z.infer<typeof createGroupInput>;
export type CreateGroupFormValues = z.input<typeof createGroupInput>;

export const renameGroupInput = z.object({ id: z.uuid({ error: "That is not a group's id." }), name: groupName });
export type RenameGroupInput = z.infer<typeof renameGroupInput>;

export const describeGroupInput = z.object({ id: z.uuid({ error: "That is not a group's id." }), description: groupDescription });
export type DescribeGroupInput = z.infer<typeof describeGroupInput>;

/** The group page's "Edit details": name and description together (renamed, then described). */
export const updateGroupInput = z.object({ id: z.uuid({ error: "That is not a group's id." }), name: groupName, description: groupDescription });
export type UpdateGroupInput = z.infer<typeof updateGroupInput>;
export type UpdateGroupFormValues = z.input<typeof updateGroupInput>;

export const groupIdInput = z.object({ id: z.uuid({ error: "That is not a group's id." }) });

/** Add people to a group, or take them out: ticked rows, or everyone the users list's filter matches. */
export const groupMembersInput = z.object({ groupId: z.uuid({ error: "That is not a group's id." }), selection: userSelection });
export type GroupMembersInput = z.input<typeof groupMembersInput>;

/** The search of a picker (people to add, groups to add someone to). */
export const pickerSearchInput = z.object({ query: searchText });

export const peopleToAddInput = z.object({ groupId: z.uuid(), query: searchText });

/** The groups list's query string. Lenient, for display only: a value that does not parse is dropped. */
export const groupListQuery = z.object({
  q: searchTextFromUrl,
  after: z.string().max(500).optional().catch(undefined),
  before: z.string().max(500).optional().catch(undefined),
});
export type GroupListQuery = z.infer<typeof groupListQuery>;

/** A group's members list's query string (same leniency). */
export const groupMemberListQuery = groupListQuery;
export type GroupMemberListQuery = GroupListQuery;
