"use client";

import type { ReactNode } from "react";
import type { BulkOutcome } from "@/components/users/bulk-result-toast";
import { actionError, SearchPickDialog } from "@/components/ui/search-pick-dialog";
import type { ActionResult } from "@/lib/actions/define-action";
import type { GroupMembersInput } from "@/lib/directory/schemas/group";
import type { UserSelectionInput } from "@/lib/directory/schemas/user";

type FoundGroup = { id: string; name: string; memberCount: number };
export type SearchGroups = (input: { query: string }) => Promise<ActionResult<FoundGroup[]>>;
export type AddGroupMembers = (input: GroupMembersInput) => Promise<ActionResult<BulkOutcome>>;

interface Props {
  trigger: ReactNode;
  /** Who is being added, in words: "3 people", "Ada Lovelace". */
  who: string;
  selection: UserSelectionInput;
  /** Groups not to offer (the person's own). */
  exclude?: readonly string[];
  search: SearchGroups;
  add: AddGroupMembers;
  onDone: (result: ActionResult<BulkOutcome>, groupName: string) => void;
}

/** "Add to group…": find a group by name and add the people to it. */
export function AddToGroupDialog({ trigger, who, selection, exclude = [], search, add, onDone }: Props) {
  async function onAdd([chosen]: FoundGroup[]) {
    const result = await add({ groupId: chosen!.id, selection });
    if (!result.ok) return actionError(result);
    onDone(result, chosen!.name);
    return null;
  }
  return (
    <SearchPickDialog<FoundGroup>
      trigger={trigger}
      width="md"
      title={`Add ${who} to a group`}
      description="They get the apps assigned to the group. People already in it are left as they are."
      // An empty search lists the first groups by name, so a short list needs no typing at all.
      search={{
        label: "Search groups",
        placeholder: "Search groups by name",
        run: async (query) => {
          const result = await search({ query });
          return result.ok ? { ...result, data: result.data.filter((group) => !exclude.includes(group.id)) } : result;
        },
      }}
      emptyQuery={{ list: true }}
      multiple={false}
      listLabel="Groups"
      renderOption={(group) => (
        <>
          <span className="min-w-0 flex-1 font-medium break-words text-zinc-900">{group.name}</span>
          <span className="shrink-0 text-zinc-500">
            {group.memberCount.toLocaleString("en-US")} {group.memberCount === 1 ? "member" : "members"}
          </span>
        </>
      )}
      noMatch={(query) => (query ? `No group matches “${query}”.` : "No groups to add to. Create one on the Groups page first.")}
      confirmLabel={([chosen], busy) => (busy ? "Adding…" : chosen ? `Add to ${chosen.name}` : "Add to group")}
      onConfirm={onAdd}
    />
  );
}
