"use client";

import * as Dialog from "@radix-ui/react-dialog";
import { Check, Copy } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState, type ReactNode } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import type { ActionResult } from "@/lib/actions/define-action";

export type CreatedLink = { path: string; purpose: "INVITE" | "RESET"; expiresAt: string; person: { name: string; email: string } };

interface Props {
  trigger: ReactNode;
  person: { id: string; name: string; hasPassword: boolean; hasPendingLink: boolean };
  create: (input: { userId: string }) => Promise<ActionResult<CreatedLink>>;
}

const TIME = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

/**
 * Creates an invite link (no password yet) or a reset link, and shows it once with a copy button. The link is
 * held only in this dialog's state: closing the dialog forgets it.
 */
export function PasswordLinkDialog({ trigger, person, create }: Props) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [link, setLink] = useState<{ url: string; expiresAt: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [copied, setCopied] = useState(false);
  const kind = person.hasPassword ? "reset" : "invite";

  function onOpenChange(next: boolean) {
    if (busy) return;
    setOpen(next);
    if (!next) {
      setLink(null);
      setError(null);
      setCopied(false);
    }
  }

  async function onCreate() {
    setBusy(true);
    setError(null);
    try {
      const result = await create({ userId: person.id });
      if (!result.ok) return setError(result.message);
      setLink({ url: `${window.location.origin}${result.data.path}`, expiresAt: result.data.expiresAt });
      router.refresh();
    } finally {
      setBusy(false);
    }
  }

  async function onCopy() {
    if (!link) return;
    try {
      await navigator.clipboard.writeText(link.url);
      setCopied(true);
    } catch {
      setError("Your browser did not let us copy. Select the link and copy it yourself.");
    }
  }

  return (
    <Dialog.Root open={open} onOpenChange={onOpenChange}>
      <Dialog.Trigger asChild>{trigger}</Dialog.Trigger>
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 z-40 bg-zinc-900/40" />
        <Dialog.Content className="fixed top-1/2 left-1/2 z-50 w-[calc(100%-2rem)] max-w-lg -translate-x-1/2 -translate-y-1/2 rounded-xl bg-white p-6 shadow-xl ring-1 ring-zinc-200">
          <Dialog.Title className="text-base font-semibold break-words text-zinc-900">
            {link
              ? `${kind === "invite" ? "Invite" : "Reset"} link for ${person.name}`
              : `Create ${kind === "invite" ? "an invite" : "a reset"} link for ${person.name}?`}
          </Dialog.Title>
          <Dialog.Description className="mt-1 text-sm text-zinc-600">
            {link
              ? "Copy it now and send it to them privately: it is shown only this once. Anyone with the link can set the password."
              : `They open the link and choose ${kind === "invite" ? "a password to sign in with" : "a new password"}. It works once, for 24 hours.${person.hasPendingLink ? " Their earlier link stops working." : ""}`}
          </Dialog.Description>
          <div className="mt-4 space-y-3">
            {error ? <Alert tone="error">{error}</Alert> : null}
            {link ? (
              <>
                <div className="flex flex-col gap-2 sm:flex-row">
                  <label htmlFor="password-link" className="sr-only">
                    {kind === "invite" ? "Invite" : "Reset"} link
                  </label>
                  <Input
                    id="password-link"
                    readOnly
                    value={link.url}
                    onFocus={(event) => event.currentTarget.select()}
                    className="min-w-0 flex-1 font-mono text-xs"
                  />
                  <Button variant="secondary" onClick={() => void onCopy()}>
                    {copied ? <Check aria-hidden className="size-4" /> : <Copy aria-hidden className="size-4" />}
                    {copied ? "Copied" : "Copy link"}
                  </Button>
                </div>
                <p className="text-sm text-zinc-600">Expires {TIME.format(new Date(link.expiresAt))} UTC.</p>
              </>
            ) : null}
          </div>
          <div className="mt-6 flex flex-wrap justify-end gap-2">
            {link ? (
              <Dialog.Close asChild>
                <Button>Done</Button>
              </Dialog.Close>
            ) : (
              <>
                <Dialog.Close asChild>
                  <Button variant="secondary" disabled={busy}>
                    Cancel
                  </Button>
                </Dialog.Close>
                <Button disabled={busy} onClick={() => void onCreate()}>
                  {busy ? "Creating…" : "Create link"}
                </Button>
              </>
            )}
          </div>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
