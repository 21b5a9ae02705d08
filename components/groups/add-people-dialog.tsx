"use client";

import * as Dialog from "@radix-ui/react-dialog";
import { UserPlus } from "lucide-react";
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { SearchField } from "@/components/ui/search-field";
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
  const [open, setOpen] = useState(false);
  const [query, setQuery] = useState("");
  const [found, setFound] = useState<Candidate[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [picked, setPicked] = useState<Map<string, Candidate>>(new Map());
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!open) return;
    const text = query.trim();
    if (!text) return setFound(null);
    let current = true;
    const timer = setTimeout(async () => {
      const result = await search({ groupId: group.id, query: text });
      if (!current) return;
      if (result.ok) {
        setFound(result.data);
        setError(null);
      } else setError(Object.values(result.fieldErrors ?? {})[0]?.[0] ?? result.message);
    }, 250);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [query, open, group.id, search]);

  function reset(next: boolean) {
    if (busy) return;
    setOpen(next);
    if (!next) {
      setQuery("");
      setFound(null);
      setError(null);
      setPicked(new Map());
    }
  }

  function toggle(person: Candidate) {
    setPicked((current) => {
      const next = new Map(current);
      if (next.has(person.id)) next.delete(person.id);
      else next.set(person.id, person);
      return next;
    });
  }

  async function onAdd() {
    setBusy(true);
    try {
      const ok = toastBulkResult(await add({ groupId: group.id, selection: { ids: [...picked.keys()] } }), `Added to ${group.name}:`);
      if (!ok) return;
      setBusy(false);
      reset(false);
      router.refresh();
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dialog.Root open={open} onOpenChange={reset}>
      <Dialog.Trigger asChild>
        <Button size="sm">
          <UserPlus aria-hidden className="size-4" /> Add people
        </Button>
      </Dialog.Trigger>
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 z-40 bg-zinc-900/40" />
        <Dialog.Content className="fixed top-1/2 left-1/2 z-50 flex max-h-[90vh] w-[calc(100%-2rem)] max-w-lg -translate-x-1/2 -translate-y-1/2 flex-col rounded-xl bg-white shadow-xl ring-1 ring-zinc-200">
          <div className="px-6 pt-6">
            <Dialog.Title className="text-base font-semibold text-zinc-900">Add people to {group.name}</Dialog.Title>
            <Dialog.Description className="mt-1 text-sm text-zinc-600">
              Search by name or e-mail and tick everyone to add. They get the apps assigned to the group.
            </Dialog.Description>
            <div className="mt-4">
              <SearchField value={query} onChange={setQuery} label="Search people to add" placeholder="Search by name or e-mail" />
            </div>
          </div>
          <div className="mt-3 min-h-24 flex-1 overflow-y-auto px-6">
            {error ? <Alert tone="error">{error}</Alert> : null}
            {found === null ? (
              <p className="py-3 text-sm text-zinc-500">Type part of a name or e-mail to find people.</p>
            ) : found.length === 0 ? (
              <p role="status" className="py-3 text-sm text-zinc-500">
                No one matches “{query.trim()}”.
              </p>
            ) : (
              <ul aria-label="People found" className="divide-y divide-zinc-100 rounded-lg ring-1 ring-zinc-200">
                {found.map((person) => (
                  <li key={person.id}>
                    <label
                      className={`flex items-start gap-3 px-3.5 py-2.5 text-sm ${person.member ? "cursor-not-allowed bg-zinc-50" : "cursor-pointer hover:bg-zinc-50"}`}
                    >
                      <input
                        type="checkbox"
                        className="mt-0.5 size-4 shrink-0 rounded border-zinc-300"
                        checked={person.member || picked.has(person.id)}
                        disabled={person.member}
                        onChange={() => toggle(person)}
                      />
                      <span className="min-w-0">
                        <span className="block font-medium break-words text-zinc-900">{person.name}</span>
                        <span className="block break-all text-zinc-600">
                          {person.email}
                          {person.member ? " · already a member" : ""}
                        </span>
                      </span>
                    </label>
                  </li>
                ))}
              </ul>
            )}
          </div>
          <div className="mt-4 flex flex-wrap items-center justify-end gap-2 border-t border-zinc-100 px-6 py-4">
            <span className="mr-auto text-sm text-zinc-600" aria-live="polite">
              {picked.size === 0 ? "Nobody picked yet" : `${picked.size} picked: ${[...picked.values()].map((person) => person.name).join(", ")}`}
            </span>
            <Dialog.Close asChild>
              <Button variant="secondary" disabled={busy}>
                Cancel
              </Button>
            </Dialog.Close>
            <Button disabled={picked.size === 0 || busy} onClick={() => void onAdd()}>
              {busy ? "Adding…" : picked.size > 1 ? `Add ${picked.size} people` : "Add"}
            </Button>
          </div>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
