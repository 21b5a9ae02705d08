"use client";

import * as Dialog from "@radix-ui/react-dialog";
import { UsersRound } from "lucide-react";
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { toast } from "sonner";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { SearchField } from "@/components/ui/search-field";
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
  const [open, setOpen] = useState(false);
  const [query, setQuery] = useState("");
  const [options, setOptions] = useState<AppGroupRow[] | null>(null);
  const [chosen, setChosen] = useState<Map<string, AppGroupRow>>(new Map());
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!open) return;
    let current = true;
    void search({ appId: app.id, q: query }).then((result) => {
      if (!current) return;
      if (result.ok) {
        setOptions(result.data);
        setError(null);
      } else setError(result.message);
    });
    return () => {
      current = false;
    };
  }, [open, query, app.id, search]);

  function onOpenChange(next: boolean) {
    if (busy) return;
    setOpen(next);
    if (!next) {
      setQuery("");
      setOptions(null);
      setChosen(new Map());
      setError(null);
    }
  }

  function toggle(group: AppGroupRow) {
    setChosen((previous) => {
      const next = new Map(previous);
      if (next.has(group.id)) next.delete(group.id);
      else next.set(group.id, group);
      return next;
    });
  }

  async function onAssign() {
    setBusy(true);
    setError(null);
    try {
      const result = await assign({ appId: app.id, groupIds: [...chosen.keys()] });
      if (!result.ok) return setError(result.message);
      const names = [...chosen.values()].map((group) => group.name).join(", ");
      toast.success(
        result.data.people > 0
          ? `Assigned ${names} to ${app.name}: ${people(result.data.people)} ${result.data.people === 1 ? "gets" : "get"} access.`
          : `Assigned ${names} to ${app.name}. Everyone in it already had access.`,
      );
      setBusy(false);
      onOpenChange(false);
      router.refresh();
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dialog.Root open={open} onOpenChange={onOpenChange}>
      <Dialog.Trigger asChild>
        <Button size="sm">
          <UsersRound aria-hidden className="size-4" />
          Assign group
        </Button>
      </Dialog.Trigger>
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 z-40 bg-zinc-900/40" />
        <Dialog.Content className="fixed top-1/2 left-1/2 z-50 flex max-h-[90vh] w-[calc(100%-2rem)] max-w-lg -translate-x-1/2 -translate-y-1/2 flex-col rounded-xl bg-white shadow-xl ring-1 ring-zinc-200">
          <div className="px-6 pt-6">
            <Dialog.Title className="text-base font-semibold text-zinc-900">Assign groups to {app.name}</Dialog.Title>
            <Dialog.Description className="mt-2 text-sm text-zinc-600">
              Everyone in a group you assign gets an account in {app.name}, and so does anyone who joins it later. People who leave the group lose access unless
              they have it another way.
            </Dialog.Description>
          </div>
          <div className="px-6 pt-4">
            <SearchField value={query} onChange={setQuery} label="Search groups by name" placeholder="Search groups by name" />
          </div>
          <div className="mt-3 min-h-0 flex-1 overflow-y-auto px-6">
            {error ? <Alert tone="error">{error}</Alert> : null}
            {options === null ? (
              <p className="py-3 text-sm text-zinc-500">Loading groups…</p>
            ) : options.length === 0 ? (
              <p role="status" className="rounded-lg bg-zinc-50 px-3.5 py-3 text-sm text-zinc-700 ring-1 ring-zinc-100 ring-inset">
                {query.trim()
                  ? "No group that is not assigned yet matches. Try another part of its name."
                  : "Every group is assigned already, or there are none yet. Create groups on the Groups page."}
              </p>
            ) : (
              <fieldset className="pb-2">
                <legend className="sr-only">Groups</legend>
                <ul className="divide-y divide-zinc-100 rounded-lg ring-1 ring-zinc-200">
                  {options.map((group) => (
                    <li key={group.id}>
                      <label className="flex cursor-pointer items-center gap-3 px-3.5 py-2.5 text-sm hover:bg-zinc-50">
                        <input type="checkbox" className="size-4 shrink-0" checked={chosen.has(group.id)} onChange={() => toggle(group)} />
                        <span className="min-w-0 flex-1 font-medium break-words text-zinc-900">{group.name}</span>
                        <span className="shrink-0 text-zinc-500">{group.members === 1 ? "1 member" : `${group.members.toLocaleString("en-US")} members`}</span>
                      </label>
                    </li>
                  ))}
                </ul>
              </fieldset>
            )}
          </div>
          <div className="flex items-center justify-end gap-2 border-t border-zinc-100 px-6 py-4">
            <Dialog.Close asChild>
              <Button variant="secondary" disabled={busy}>
                Cancel
              </Button>
            </Dialog.Close>
            <Button disabled={chosen.size === 0 || busy} onClick={() => void onAssign()}>
              {busy ? "Assigning…" : chosen.size > 1 ? `Assign ${chosen.size} groups` : "Assign"}
            </Button>
          </div>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
