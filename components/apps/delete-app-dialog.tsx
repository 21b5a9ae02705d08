"use client";

import * as Dialog from "@radix-ui/react-dialog";
import { Trash2 } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import type { ActionResult } from "@/lib/actions/define-action";
import type { AppDeletionPreview } from "@/lib/provisioning/apps/delete-app";
import type { DeleteAppInput } from "@/lib/provisioning/schemas/app-lifecycle";
import { AppDeletionProgress } from "./app-deletion-progress";
import { DeleteAppChoice } from "./delete-app-choice";

interface Props {
  app: { id: string; name: string };
  preview: (input: { appId: string }) => Promise<ActionResult<AppDeletionPreview>>;
  remove: (input: DeleteAppInput) => Promise<ActionResult<{ deleted: boolean; runId: string | null }>>;
}

type Phase = { kind: "loading" } | { kind: "choose"; preview: AppDeletionPreview } | { kind: "deleting" } | { kind: "failed"; message: string };

/** "Delete app…": what happens to its accounts, a choice, a typed confirmation, then the deletion (with progress if it deactivates first). */
export function DeleteAppDialog({ app, preview, remove }: Props) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [phase, setPhase] = useState<Phase>({ kind: "loading" });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function onOpen(next: boolean) {
    if (busy) return;
    setOpen(next);
    if (!next) return;
    setPhase({ kind: "loading" });
    setError(null);
    const result = await preview({ appId: app.id });
    if (!result.ok) return setPhase({ kind: "failed", message: result.message });
    setPhase(result.data.deleting ? { kind: "deleting" } : { kind: "choose", preview: result.data });
  }

  async function onDelete(choice: { accounts: "leave" | "deactivate"; confirmName: string }) {
    setBusy(true);
    try {
      const result = await remove({ appId: app.id, ...choice });
      if (!result.ok) return setError(result.fieldErrors?.confirmName?.[0] ?? result.message);
      if (result.data.deleted) {
        toast.success(`${app.name} was deleted.`);
        router.push("/applications");
        router.refresh();
        return;
      }
      setPhase({ kind: "deleting" });
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dialog.Root open={open} onOpenChange={onOpen}>
      <Dialog.Trigger asChild>
        <Button variant="danger">
          <Trash2 aria-hidden className="size-4" />
          Delete app…
        </Button>
      </Dialog.Trigger>
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 z-40 bg-zinc-900/40" />
        <Dialog.Content className="fixed top-1/2 left-1/2 z-50 max-h-[90vh] w-[calc(100%-2rem)] max-w-lg -translate-x-1/2 -translate-y-1/2 overflow-y-auto rounded-xl bg-white p-6 shadow-xl ring-1 ring-zinc-200">
          <Dialog.Title className="text-base font-semibold text-zinc-900">Delete {app.name}?</Dialog.Title>
          <Dialog.Description className="mt-2 text-sm text-zinc-600">This cannot be undone. To connect the app again later, add it again.</Dialog.Description>
          {phase.kind === "loading" ? (
            <p role="status" className="mt-4 text-sm text-zinc-600">
              Counting the accounts in {app.name}…
            </p>
          ) : phase.kind === "failed" ? (
            <p role="alert" className="mt-4 text-sm text-red-700">
              {phase.message}
            </p>
          ) : phase.kind === "choose" ? (
            <DeleteAppChoice preview={phase.preview} error={error} busy={busy} onCancel={() => setOpen(false)} onDelete={onDelete} />
          ) : (
            <AppDeletionProgress app={app} />
          )}
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
