"use client";

import * as Dialog from "@radix-ui/react-dialog";
import { Button } from "./button";

interface Props {
  open: boolean;
  title?: string;
  message: string;
  onLeave: () => void;
  onStay: () => void;
}

/** "Leave without saving?": shown when someone leaves a page with unsaved changes. Stay is the safe default. */
export function LeaveConfirmDialog({ open, title = "Leave without saving?", message, onLeave, onStay }: Props) {
  return (
    <Dialog.Root open={open} onOpenChange={(next) => !next && onStay()}>
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 z-40 bg-zinc-900/40" />
        <Dialog.Content className="fixed top-1/2 left-1/2 z-50 w-[calc(100%-2rem)] max-w-md -translate-x-1/2 -translate-y-1/2 rounded-xl bg-white p-6 shadow-xl ring-1 ring-zinc-200">
          <Dialog.Title className="text-base font-semibold text-zinc-900">{title}</Dialog.Title>
          <Dialog.Description className="mt-2 text-sm text-zinc-600">{message}</Dialog.Description>
          <div className="mt-6 flex justify-end gap-2">
            <Button variant="secondary" onClick={onLeave}>
              Leave
            </Button>
            <Button autoFocus onClick={onStay}>
              Stay
            </Button>
          </div>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
