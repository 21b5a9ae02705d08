"use client";

import { UsersRound, X } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { toastBulkResult } from "@/components/users/bulk-result-toast";
import { AddToGroupDialog, type AddGroupMembers, type SearchGroups } from "./add-to-group-dialog";

interface Props {
  person: { id: string; name: string };
  groups: { id: string; name: string }[];
  canManage: boolean;
  search: SearchGroups;
  add: AddGroupMembers;
  remove: AddGroupMembers;
}

/** The person page's groups: links to each, and with "manage users", add to a group or take them out of one. */
export function PersonGroupsPanel({ person, groups, canManage, search, add, remove }: Props) {
  const router = useRouter();
  const selection = { ids: [person.id] };
  return (
    <>
      {groups.length === 0 ? (
        <p className="px-6 py-5 text-sm text-zinc-500">Not in any group.{canManage ? " Add them to one to give them its apps." : ""}</p>
      ) : (
        <ul className="divide-y divide-zinc-100">
          {groups.map((group) => (
            <li key={group.id} className="flex items-center gap-2.5 px-6 py-2.5 text-sm">
              <UsersRound aria-hidden className="size-4 shrink-0 text-zinc-400" />
              <Link href={`/groups/${group.id}`} className="min-w-0 flex-1 font-medium break-words text-zinc-900 hover:text-brand-700">
                {group.name}
              </Link>
              {canManage ? (
                <ConfirmDialog
                  title={`Remove ${person.name} from ${group.name}?`}
                  confirmLabel="Remove"
                  onConfirm={async () => {
                    if (toastBulkResult(await remove({ groupId: group.id, selection }), `Removed from ${group.name}:`)) router.refresh();
                  }}
                  trigger={
                    <button
                      type="button"
                      aria-label={`Remove from ${group.name}`}
                      className="rounded-md p-1 text-zinc-500 hover:bg-zinc-100 hover:text-zinc-700"
                    >
                      <X aria-hidden className="size-4" />
                    </button>
                  }
                >
                  <p>
                    They lose the group&apos;s apps unless they also have them directly or through another group; there, each app&apos;s Activate and deactivate
                    users action then applies.
                  </p>
                </ConfirmDialog>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {canManage ? (
        <div className="border-t border-zinc-100 px-6 py-3">
          <AddToGroupDialog
            trigger={
              <Button size="sm" variant="secondary">
                Add to group…
              </Button>
            }
            who={person.name}
            selection={selection}
            exclude={groups.map((group) => group.id)}
            search={search}
            add={add}
            onDone={(result, groupName) => {
              if (toastBulkResult(result, `Added to ${groupName}:`)) router.refresh();
            }}
          />
        </div>
      ) : null}
    </>
  );
}
