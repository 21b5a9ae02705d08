"use client";

import * as Dialog from "@radix-ui/react-dialog";
import { Link2, Search } from "lucide-react";
import { useRouter } from "next/navigation";
import { useId, useState, type FormEvent } from "react";
import { toast } from "sonner";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import type { ActionResult } from "@/lib/actions/define-action";
import type { LinkedAccount } from "@/lib/provisioning/accounts/link-account";
import type { AppAccountSearch } from "@/lib/provisioning/accounts/search-app-accounts";

export type SearchAppAccounts = (input: { appId: string; query: string }) => Promise<ActionResult<AppAccountSearch>>;
export type LinkAppAccount = (input: { appId: string; userId: string; remoteId: string }) => Promise<ActionResult<LinkedAccount>>;

interface Props {
  app: { id: string; name: string };
  person: { id: string; label: string };
  search: SearchAppAccounts;
  link: LinkAppAccount;
}

/**
 * "Link to an existing account…": for a person whose create the app refused because an account it holds already has
 * their user name or e-mail, and Roster could not find that account. The admin searches the app's accounts, picks
 * the one that is this person's, and links it; Roster then brings it in line with the directory.
 */
export function LinkAccountDialog({ app, person, search, link }: Props) {
  const router = useRouter();
  const ids = useId();
  const [open, setOpen] = useState(false);
  const [query, setQuery] = useState("");
  const [queryError, setQueryError] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [found, setFound] = useState<AppAccountSearch | null>(null);
  const [chosen, setChosen] = useState<string | null>(null);
  const [busy, setBusy] = useState<"searching" | "linking" | null>(null);

  function reset(next: boolean) {
    if (busy) return;
    setOpen(next);
    if (!next) {
      setQuery("");
      setQueryError(null);
      setError(null);
      setFound(null);
      setChosen(null);
    }
  }

  async function onSearch(event: FormEvent) {
    event.preventDefault();
    setBusy("searching");
    setError(null);
    setQueryError(null);
    try {
      const result = await search({ appId: app.id, query });
      if (!result.ok) {
        if (result.fieldErrors?.query) setQueryError(result.fieldErrors.query[0] ?? result.message);
        else setError(result.message);
        return;
      }
      setFound(result.data);
      setChosen(null);
    } finally {
      setBusy(null);
    }
  }

  async function onLink() {
    if (!chosen) return;
    setBusy("linking");
    setError(null);
    try {
      const result = await link({ appId: app.id, userId: person.id, remoteId: chosen });
      if (!result.ok) return setError(result.message);
      toast.success(`Linked ${person.label} to ${result.data.remoteUserName} in ${app.name}. Roster brings that account in line with the directory next.`);
      setBusy(null);
      reset(false);
      router.refresh();
    } finally {
      setBusy(null);
    }
  }

  const queryId = `${ids}-query`;
  return (
    <Dialog.Root open={open} onOpenChange={reset}>
      <Dialog.Trigger asChild>
        <Button size="sm" variant="secondary" className="whitespace-nowrap">
          <Link2 aria-hidden className="size-3.5" />
          Link to an existing account…
        </Button>
      </Dialog.Trigger>
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 z-40 bg-zinc-900/40" />
        <Dialog.Content className="fixed top-1/2 left-1/2 z-50 flex max-h-[90vh] w-[calc(100%-2rem)] max-w-lg -translate-x-1/2 -translate-y-1/2 flex-col rounded-xl bg-white shadow-xl ring-1 ring-zinc-200">
          <div className="px-6 pt-6">
            <Dialog.Title className="text-base font-semibold text-zinc-900">Link to an existing account in {app.name}</Dialog.Title>
            <Dialog.Description className="mt-2 text-sm text-zinc-600">
              {app.name} already has an account with the user name or e-mail of <span className="font-medium text-zinc-800">{person.label}</span>, and Roster
              could not find it. Find that account and link it: Roster then updates it with this person&apos;s details from the directory. Nothing is created or
              deleted.
            </Dialog.Description>
          </div>
          <form onSubmit={onSearch} className="px-6 pt-5" role="search" aria-label={`Search ${app.name}'s accounts`}>
            <FormField
              id={queryId}
              label={`Search ${app.name}'s accounts`}
              hint="A user name or e-mail exactly as the app shows it, part of a name, or the account's id in the app."
              error={queryError ?? undefined}
            >
              <div className="flex gap-2">
                <Input
                  id={queryId}
                  type="search"
                  autoComplete="off"
                  spellCheck={false}
                  value={query}
                  aria-invalid={Boolean(queryError)}
                  aria-describedby={queryError ? `${queryId}-error` : `${queryId}-hint`}
                  onChange={(event) => setQuery(event.target.value)}
                />
                <Button type="submit" variant="secondary" className="shrink-0" disabled={busy !== null}>
                  <Search aria-hidden className="size-4" />
                  {busy === "searching" ? "Searching…" : "Search"}
                </Button>
              </div>
            </FormField>
          </form>
          <div className="mt-4 min-h-0 flex-1 overflow-y-auto px-6">
            {error ? <Alert tone="error">{error}</Alert> : null}
            {found ? <SearchResults appName={app.name} found={found} chosen={chosen} onChoose={setChosen} /> : null}
          </div>
          <div className="flex justify-end gap-2 border-t border-zinc-100 px-6 py-4">
            <Dialog.Close asChild>
              <Button variant="secondary" disabled={busy !== null}>
                Cancel
              </Button>
            </Dialog.Close>
            <Button disabled={!chosen || busy !== null} onClick={() => void onLink()}>
              {busy === "linking" ? "Linking…" : "Link"}
            </Button>
          </div>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}

function SearchResults({
  appName,
  found,
  chosen,
  onChoose,
}: {
  appName: string;
  found: AppAccountSearch;
  chosen: string | null;
  onChoose: (id: string) => void;
}) {
  const where = found.truncated ? `the first ${found.listed.toLocaleString("en-US")} of ${appName}'s users` : `${appName}'s users`;
  if (found.accounts.length === 0) {
    return (
      <p role="status" className="rounded-lg bg-zinc-50 px-3.5 py-3 text-sm text-zinc-700 ring-1 ring-zinc-100 ring-inset">
        No account matches in {where}. Type the account&apos;s user name or e-mail exactly as {appName} shows it (letter case included), or its id in the app.
      </p>
    );
  }
  return (
    <fieldset className="pb-2">
      <legend className="text-sm font-medium text-zinc-800">
        {found.accounts.length === 1 ? "1 account found" : `${found.accounts.length} accounts found`}
        {found.truncated ? <span className="font-normal text-zinc-500"> (searched {where})</span> : null}
      </legend>
      <ul className="mt-2 divide-y divide-zinc-100 rounded-lg ring-1 ring-zinc-200">
        {found.accounts.map((account) => {
          const taken = account.linkedTo !== null;
          return (
            <li key={account.id}>
              <label className={`flex items-start gap-3 px-3.5 py-3 text-sm ${taken ? "cursor-not-allowed bg-zinc-50" : "cursor-pointer hover:bg-zinc-50"}`}>
                <input
                  type="radio"
                  name="remote-account"
                  value={account.id}
                  checked={chosen === account.id}
                  disabled={taken}
                  onChange={() => onChoose(account.id)}
                  className="mt-0.5 size-4 shrink-0"
                />
                <span className="min-w-0 flex-1">
                  <span className="flex flex-wrap items-center gap-2">
                    <span className="font-medium break-all text-zinc-900">{account.userName}</span>
                    {account.active ? null : <Badge tone="warning">Deactivated in the app</Badge>}
                  </span>
                  <span className="mt-0.5 block break-all text-zinc-600">
                    {[account.displayName, account.email].filter(Boolean).join(" · ") || "No name or e-mail"}
                  </span>
                  {account.linkedTo ? <span className="mt-0.5 block text-zinc-600">Already linked to {account.linkedTo.label}</span> : null}
                </span>
              </label>
            </li>
          );
        })}
      </ul>
    </fieldset>
  );
}
