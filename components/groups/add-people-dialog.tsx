"use client";

import { UserPlus } from "lucide-react";
import { useRouter } from "next/navigation";
import { Button } from "@/components/ui/button";
import { SearchPickDialog } from "@/components/ui/search-pick-dialog";
import { toastBulkResult, type BulkOutcome } from "@/components/users/bulk-result-toast";
import type { ActionResult } from "@/lib/actions/define-action";
import type { GroupMembersInput } from "@/lib/directory/schemas/group";

type Candidate = { id: string; name: string; email: string; member: boolean };

interface Props {
  group: { id: string; name: string };
  search: (input: { groupId: string; query: string }) => Promise<ActionResult<Candidate[]>>;
  add: (input: GroupMembersInput) => Promise<ActionResult<BulkOutcome>>;
}

/** "Add people": search the directory by name or e-mail, tick several (across searches), and add them at once. */
export function AddPeopleDialog({ group, search, add }: Props) {
  const router = useRouter();
  async function onAdd(picked: Candidate[]) {
    // The outcome, good or bad, is said in a toast.
    if (!toastBulkResult(await add({ groupId: group.id, selection: { ids: picked.map((person) => person.id) } }), `Added to ${group.name}:`)) return "";
    router.refresh();
    return null;
  }
  return (
    <SearchPickDialog<Candidate>
      trigger={
        <Button size="sm">
          <UserPlus aria-hidden className="size-4" /> Add people
        </Button>
      }
      title={`Add people to ${group.name}`}
      description="Search by name or e-mail and tick everyone to add. They get the apps assigned to the group."
      search={{ label: "Search people to add", placeholder: "Search by name or e-mail", run: (query) => search({ groupId: group.id, query }) }}
      emptyQuery={{ hint: "Type part of a name or e-mail to find people." }}
      multiple
      listLabel="People found"
      fixed={(person) => person.member}
      renderOption={(person) => (
        <span className="min-w-0">
          <span className="block font-medium break-words text-zinc-900">{person.name}</span>
          <span className="block break-all text-zinc-600">
            {person.email}
            {person.member ? " · already a member" : ""}
          </span>
        </span>
      )}
      noMatch={(query) => `No one matches “${query}”.`}
      pickedSummary={(picked) => (picked.length === 0 ? "Nobody picked yet" : `${picked.length} picked: ${picked.map((person) => person.name).join(", ")}`)}
      confirmLabel={(picked, busy) => (busy ? "Adding…" : picked.length > 1 ? `Add ${picked.length} people` : "Add")}
      onConfirm={onAdd}
    />
  );
}
