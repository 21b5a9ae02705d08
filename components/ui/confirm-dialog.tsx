"use client";

import * as Dialog from "@radix-ui/react-dialog";
import { useRef, useState, type ReactNode, type RefObject } from "react";
import { Button } from "./button";

interface ConfirmDialogProps {
  /** The element that opens the dialog; leave out when the dialog opens itself (`defaultOpen`). */
  trigger?: ReactNode;
  defaultOpen?: boolean;
  onClosed?: () => void;
  title: string;
  children: ReactNode;
  /** Choices that go with the confirmation (checkboxes), shown under the description rather than inside it. */
  options?: ReactNode;
  confirmLabel: string;
  tone?: "danger" | "primary";
  onConfirm: () => Promise<void>;
  /** Keeps the confirm button off, e.g. while the dialog is still working out what confirming would do. */
  confirmDisabled?: boolean;
  /** Where focus goes when the dialog closes, for a dialog opened by something other than its trigger. */
  returnFocusTo?: RefObject<HTMLElement | null>;
}

/** Asks before a destructive action, says what will happen, and stays open while it runs. */
export function ConfirmDialog({
  trigger,
  defaultOpen = false,
  onClosed,
  title,
  children,
  options,
  confirmLabel,
  tone = "danger",
  onConfirm,
  confirmDisabled = false,
  returnFocusTo,
}: ConfirmDialogProps) {
  const [open, setOpenState] = useState(defaultOpen);
  const [busy, setBusy] = useState(false);
  // What had focus when the dialog opened (its trigger, or the menu that opened it), to give focus back on close.
  const opener = useRef<Element | null>(null);
  const setOpen = (next: boolean) => {
    setOpenState(next);
    if (!next) onClosed?.();
  };
  return (
    <Dialog.Root open={open} onOpenChange={(next) => !busy && setOpen(next)}>
      {trigger ? <Dialog.Trigger asChild>{trigger}</Dialog.Trigger> : null}
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 z-40 bg-zinc-900/40" />
        <Dialog.Content
          onOpenAutoFocus={() => {
            opener.current ??= document.activeElement;
          }}
          onCloseAutoFocus={(event) => {
            // Radix gives focus back to the trigger, or to what had focus when the dialog opened; when that is gone or
            // was never there (a disabled "Checking…" button, a menu item, a deleted row) focus would fall to <body>.
            const target = returnFocusTo?.current ?? opener.current;
            opener.current = null;
            event.preventDefault();
            if (target instanceof HTMLElement && target.isConnected && target !== document.body) target.focus();
            else document.getElementById("main")?.focus();
          }}
          className="fixed top-1/2 left-1/2 z-50 w-[calc(100%-2rem)] max-w-md -translate-x-1/2 -translate-y-1/2 rounded-xl bg-white p-6 shadow-xl ring-1 ring-zinc-200"
        >
          <Dialog.Title className="text-base font-semibold text-zinc-900">{title}</Dialog.Title>
          <Dialog.Description asChild>
            <div className="mt-2 space-y-2 text-sm text-zinc-600">{children}</div>
          </Dialog.Description>
          {options ? <div className="mt-4">{options}</div> : null}
          <div className="mt-6 flex justify-end gap-2">
            <Dialog.Close asChild>
              <Button variant="secondary" disabled={busy}>
                Cancel
              </Button>
            </Dialog.Close>
            <Button
              variant={tone}
              disabled={busy || confirmDisabled}
              onClick={async () => {
                setBusy(true);
                try {
                  await onConfirm();
                  setOpen(false);
                } finally {
                  setBusy(false);
                }
              }}
            >
              {busy ? "Working…" : confirmLabel}
            </Button>
          </div>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
