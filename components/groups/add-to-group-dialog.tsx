"use client";

import * as Dialog from "@radix-ui/react-dialog";
import { useEffect, useState, type ReactNode } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { SearchField } from "@/components/ui/search-field";
import type { BulkOutcome } from "@/components/users/bulk-result-toast";
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
  const [open, setOpen] = useState(false);
  const [query, setQuery] = useState("");
  const [found, setFound] = useState<FoundGroup[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [chosen, setChosen] = useState<FoundGroup | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!open) return;
    let current = true;
    // An empty search lists the first groups by name, so a short list needs no typing at all.
    const timer = setTimeout(
      async () => {
        const result = await search({ query: query.trim() });
        if (!current) return;
        if (result.ok) {
          setFound(result.data);
          setError(null);
        } else setError(Object.values(result.fieldErrors ?? {})[0]?.[0] ?? result.message);
      },
      query ? 250 : 0,
    );
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [query, open, search]);

  function reset(next: boolean) {
    if (busy) return;
    setOpen(next);
    if (!next) {
      setQuery("");
      setFound(null);
      setError(null);
      setChosen(null);
    }
  }

  async function onAdd() {
    if (!chosen) return;
    setBusy(true);
    try {
      const result = await add({ groupId: chosen.id, selection });
      if (!result.ok) return setError(Object.values(result.fieldErrors ?? {})[0]?.[0] ?? result.message);
      onDone(result, chosen.name);
      setBusy(false);
      reset(false);
    } finally {
      setBusy(false);
    }
  }

  const offered = found?.filter((group) => !exclude.includes(group.id)) ?? null;
  return (
    <Dialog.Root open={open} onOpenChange={reset}>
      <Dialog.Trigger asChild>{trigger}</Dialog.Trigger>
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 z-40 bg-zinc-900/40" />
        <Dialog.Content className="fixed top-1/2 left-1/2 z-50 flex max-h-[90vh] w-[calc(100%-2rem)] max-w-md -translate-x-1/2 -translate-y-1/2 flex-col rounded-xl bg-white shadow-xl ring-1 ring-zinc-200">
          <div className="px-6 pt-6">
            <Dialog.Title className="text-base font-semibold text-zinc-900">Add {who} to a group</Dialog.Title>
            <Dialog.Description className="mt-1 text-sm text-zinc-600">
              They get the apps assigned to the group. People already in it are left as they are.
            </Dialog.Description>
            <div className="mt-4">
              <SearchField value={query} onChange={setQuery} label="Search groups" placeholder="Search groups by name" />
            </div>
          </div>
          <div className="mt-3 min-h-24 flex-1 overflow-y-auto px-6">
            {error ? <Alert tone="error">{error}</Alert> : null}
            {offered === null ? (
              <p className="py-3 text-sm text-zinc-500">Loading groups…</p>
            ) : offered.length === 0 ? (
              <p role="status" className="py-3 text-sm text-zinc-500">
                {query.trim() ? `No group matches “${query.trim()}”.` : "No groups to add to. Create one on the Groups page first."}
              </p>
            ) : (
              <fieldset>
                <legend className="sr-only">Groups</legend>
                <ul className="divide-y divide-zinc-100 rounded-lg ring-1 ring-zinc-200">
                  {offered.map((group) => (
                    <li key={group.id}>
                      <label className="flex cursor-pointer items-center gap-3 px-3.5 py-2.5 text-sm hover:bg-zinc-50">
                        <input type="radio" name="group" className="size-4 shrink-0" checked={chosen?.id === group.id} onChange={() => setChosen(group)} />
                        <span className="min-w-0 flex-1 font-medium break-words text-zinc-900">{group.name}</span>
                        <span className="shrink-0 text-zinc-500">
                          {group.memberCount.toLocaleString("en-US")} {group.memberCount === 1 ? "member" : "members"}
                        </span>
                      </label>
                    </li>
                  ))}
                </ul>
              </fieldset>
            )}
          </div>
          <div className="mt-4 flex justify-end gap-2 border-t border-zinc-100 px-6 py-4">
            <Dialog.Close asChild>
              <Button variant="secondary" disabled={busy}>
                Cancel
              </Button>
            </Dialog.Close>
            <Button disabled={!chosen || busy} onClick={() => void onAdd()}>
              {busy ? "Adding…" : chosen ? `Add to ${chosen.name}` : "Add to group"}
            </Button>
          </div>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
