"use client";

import { UsersRound } from "lucide-react";
import { useRouter } from "next/navigation";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { actionError, SearchPickDialog } from "@/components/ui/search-pick-dialog";
import type { ActionResult } from "@/lib/actions/define-action";
import type { AppGroupRow } from "@/lib/directory/assignments/group-options";

export type SearchGroupOptions = (input: { appId: string; q: string }) => Promise<ActionResult<AppGroupRow[]>>;
export type ChangeGroupAssignments = (input: { appId: string; groupIds: string[] }) => Promise<ActionResult<{ changed: number; people: number }>>;

interface Props {
  app: { id: string; name: string };
  search: SearchGroupOptions;
  assign: ChangeGroupAssignments;
}

const people = (count: number) => `${count.toLocaleString("en-US")} ${count === 1 ? "person" : "people"}`;

/** "Assign group": find groups by name, pick one or more, and give all their members the app. */
export function AssignGroupsDialog({ app, search, assign }: Props) {
  const router = useRouter();
  async function onAssign(chosen: AppGroupRow[]) {
    const result = await assign({ appId: app.id, groupIds: chosen.map((group) => group.id) });
    if (!result.ok) return actionError(result);
    const names = chosen.map((group) => group.name).join(", ");
    toast.success(
      result.data.people > 0
        ? `Assigned ${names} to ${app.name}: ${people(result.data.people)} ${result.data.people === 1 ? "gets" : "get"} access.`
        : `Assigned ${names} to ${app.name}. Everyone in it already had access.`,
    );
    router.refresh();
    return null;
  }
  return (
    <SearchPickDialog<AppGroupRow>
      trigger={
        <Button size="sm">
          <UsersRound aria-hidden className="size-4" />
          Assign group
        </Button>
      }
      title={`Assign groups to ${app.name}`}
      description={`Everyone in a group you assign gets an account in ${app.name}, and so does anyone who joins it later. People who leave the group lose access unless they have it another way.`}
      search={{ label: "Search groups by name", placeholder: "Search groups by name", run: (q) => search({ appId: app.id, q }) }}
      emptyQuery={{ list: true }}
      multiple
      listLabel="Groups"
      renderOption={(group) => (
        <>
          <span className="min-w-0 flex-1 font-medium break-words text-zinc-900">{group.name}</span>
          <span className="shrink-0 text-zinc-500">{group.members === 1 ? "1 member" : `${group.members.toLocaleString("en-US")} members`}</span>
        </>
      )}
      noMatch={(query) =>
        query
          ? "No group that is not assigned yet matches. Try another part of its name."
          : "Every group is assigned already, or there are none yet. Create groups on the Groups page."
      }
      confirmLabel={(chosen, busy) => (busy ? "Assigning…" : chosen.length > 1 ? `Assign ${chosen.length} groups` : "Assign")}
      onConfirm={onAssign}
    />
  );
}
