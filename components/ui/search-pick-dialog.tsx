"use client";

import * as Dialog from "@radix-ui/react-dialog";
import { useEffect, useRef, useState, type ReactNode } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/class-names";
import { SearchField } from "@/components/ui/search-field";
import type { ActionResult } from "@/lib/actions/define-action";

interface Props<Option extends { id: string }> {
  trigger: ReactNode;
  title: string;
  description: ReactNode;
  search: { label: string; placeholder: string; run: (query: string) => Promise<ActionResult<Option[]>> };
  /** With no text typed: list the first options at once, or show this hint until something is typed. */
  emptyQuery: { list: true } | { hint: string };
  /** Several options (checkboxes, kept across searches) or one (radio buttons). */
  multiple: boolean;
  /** The list's accessible name ("People found", "Groups"). */
  listLabel: string;
  renderOption: (option: Option) => ReactNode;
  /** Shown ticked and not selectable (already a member…). */
  fixed?: (option: Option) => boolean;
  noMatch: (query: string) => string;
  /** A line in the footer about what is picked; none when left out. */
  pickedSummary?: (picked: Option[]) => string;
  confirmLabel: (picked: Option[], busy: boolean) => string;
  /** Does the work; returns an error to show in the dialog, null when done (the dialog then closes), or "" to stay open quietly (the caller said why, e.g. in a toast). */
  onConfirm: (picked: Option[]) => Promise<string | null>;
  width?: "md" | "lg";
}

/** The first field error of a failed action, else its message: what a picker shows when a search or a change fails. */
export function actionError(result: Extract<ActionResult<unknown>, { ok: false }>): string {
  return Object.values(result.fieldErrors ?? {})[0]?.[0] ?? result.message;
}

/**
 * A dialog to find things by searching (people, groups…), pick one or several, and act on them: the search as
 * the admin types (a quarter of a second after the last key), the picks kept across searches, errors shown in
 * the dialog, and the dialog held open while the change is under way.
 */
export function SearchPickDialog<Option extends { id: string }>(props: Props<Option>) {
  const { search, emptyQuery, multiple, fixed } = props;
  const [open, setOpen] = useState(false);
  const [query, setQuery] = useState("");
  const [found, setFound] = useState<Option[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [picked, setPicked] = useState<Map<string, Option>>(new Map());
  const [busy, setBusy] = useState(false);
  const listsWithoutQuery = "list" in emptyQuery;
  // The latest search function, without searching again each time the parent renders a new one.
  const run = useRef(search.run);
  useEffect(() => {
    run.current = search.run;
  });

  useEffect(() => {
    if (!open) return;
    const text = query.trim();
    if (!text && !listsWithoutQuery) return setFound(null);
    let current = true;
    const timer = setTimeout(
      async () => {
        const result = await run.current(text);
        if (!current) return;
        if (result.ok) {
          setFound(result.data);
          setError(null);
        } else setError(actionError(result));
      },
      text ? 250 : 0,
    );
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [query, open, listsWithoutQuery]);

  function onOpenChange(next: boolean) {
    if (busy) return;
    setOpen(next);
    if (!next) {
      setQuery("");
      setFound(null);
      setError(null);
      setPicked(new Map());
    }
  }

  function toggle(option: Option) {
    setPicked((current) => {
      const next = new Map(multiple ? current : []);
      if (multiple && next.has(option.id)) next.delete(option.id);
      else next.set(option.id, option);
      return next;
    });
  }

  async function onConfirm() {
    setBusy(true);
    setError(null);
    let failure: string | null = "";
    try {
      failure = await props.onConfirm([...picked.values()]);
    } finally {
      setBusy(false);
    }
    if (failure) setError(failure);
    else if (failure === null) onOpenChange(false);
  }

  const choices = [...picked.values()];
  return (
    <Dialog.Root open={open} onOpenChange={(next) => (busy ? undefined : onOpenChange(next))}>
      <Dialog.Trigger asChild>{props.trigger}</Dialog.Trigger>
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 z-40 bg-zinc-900/40" />
        <Dialog.Content
          className={cn(
            "fixed top-1/2 left-1/2 z-50 flex max-h-[90vh] w-[calc(100%-2rem)] -translate-x-1/2 -translate-y-1/2 flex-col rounded-xl bg-white shadow-xl ring-1 ring-zinc-200",
            props.width === "md" ? "max-w-md" : "max-w-lg",
          )}
        >
          <div className="px-6 pt-6">
            <Dialog.Title className="text-base font-semibold text-zinc-900">{props.title}</Dialog.Title>
            <Dialog.Description className="mt-1 text-sm text-zinc-600">{props.description}</Dialog.Description>
            <div className="mt-4">
              <SearchField value={query} onChange={setQuery} label={search.label} placeholder={search.placeholder} />
            </div>
          </div>
          <div className="mt-3 min-h-24 flex-1 overflow-y-auto px-6">
            {error ? <Alert tone="error">{error}</Alert> : null}
            {found === null ? (
              <p className="py-3 text-sm text-zinc-500">{"hint" in emptyQuery && !query.trim() ? emptyQuery.hint : "Searching…"}</p>
            ) : found.length === 0 ? (
              <p role="status" className="py-3 text-sm text-zinc-500">
                {props.noMatch(query.trim())}
              </p>
            ) : (
              <fieldset className="pb-2">
                <legend className="sr-only">{props.listLabel}</legend>
                <ul aria-label={props.listLabel} className="divide-y divide-zinc-100 rounded-lg ring-1 ring-zinc-200">
                  {found.map((option) => {
                    const locked = fixed?.(option) ?? false;
                    return (
                      <li key={option.id}>
                        <label
                          className={cn(
                            "flex items-start gap-3 px-3.5 py-2.5 text-sm",
                            locked ? "cursor-not-allowed bg-zinc-50" : "cursor-pointer hover:bg-zinc-50",
                          )}
                        >
                          <input
                            type={multiple ? "checkbox" : "radio"}
                            name={multiple ? undefined : "pick"}
                            className="mt-0.5 size-4 shrink-0 rounded border-zinc-300"
                            checked={locked || picked.has(option.id)}
                            disabled={locked}
                            onChange={() => toggle(option)}
                          />
                          {props.renderOption(option)}
                        </label>
                      </li>
                    );
                  })}
                </ul>
              </fieldset>
            )}
          </div>
          <div className="mt-4 flex flex-wrap items-center justify-end gap-2 border-t border-zinc-100 px-6 py-4">
            {props.pickedSummary ? (
              <span className="mr-auto text-sm text-zinc-600" aria-live="polite">
                {props.pickedSummary(choices)}
              </span>
            ) : null}
            <Dialog.Close asChild>
              <Button variant="secondary" disabled={busy}>
                Cancel
              </Button>
            </Dialog.Close>
            <Button disabled={picked.size === 0 || busy} onClick={() => void onConfirm()}>
              {props.confirmLabel(choices, busy)}
            </Button>
          </div>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
