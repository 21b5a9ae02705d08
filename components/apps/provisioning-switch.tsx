"use client";

import { PauseCircle, PlayCircle } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import type { ActionResult } from "@/lib/actions/define-action";

interface Props {
  app: { id: string; name: string; state: "DRAFT" | "ACTIVE" | "PAUSED" | "QUARANTINED"; reason: string | null };
  canEdit: boolean;
  stop: (input: { appId: string }) => Promise<ActionResult<{ changed: boolean }>>;
  resume: (input: { appId: string }) => Promise<ActionResult<{ deletionCancelled?: boolean }>>;
}

/** "Stop provisioning" and "Resume", as Start and Stop are elsewhere: nothing is lost while stopped. */
export function ProvisioningSwitch({ app, canEdit, stop, resume }: Props) {
  const router = useRouter();
  const [resuming, setResuming] = useState(false);
  const stopped = app.state === "PAUSED" || app.state === "QUARANTINED";

  async function onStop() {
    const result = await stop({ appId: app.id });
    if (!result.ok) return void toast.error(result.message);
    toast.success(`Provisioning to ${app.name} stopped. Nothing is sent until you resume.`);
    router.refresh();
  }

  async function onResume() {
    setResuming(true);
    try {
      const result = await resume({ appId: app.id });
      if (!result.ok) return void toast.error(result.message);
      toast.success(
        result.data.deletionCancelled
          ? `${app.name} is no longer being deleted: provisioning resumed, and Roster is syncing everyone, which brings the accounts already deactivated back in line with the directory.`
          : `Provisioning to ${app.name} resumed. Roster is sending the changes made meanwhile.`,
      );
      router.refresh();
    } finally {
      setResuming(false);
    }
  }

  return (
    <div className="flex flex-wrap items-center justify-between gap-4 px-6 py-5">
      <div className="min-w-0 flex-1 basis-64 text-sm">
        <p className="font-medium text-zinc-900">
          {app.state === "ACTIVE" ? "Provisioning is on." : app.state === "DRAFT" ? "Provisioning is not set up yet." : "Provisioning is stopped."}
        </p>
        <p className="mt-1 text-zinc-500">
          {app.state === "ACTIVE"
            ? `Directory changes reach ${app.name} as they happen. Stop provisioning to hold them: changes made meanwhile are kept and sent when you resume.`
            : app.state === "DRAFT"
              ? "Finish the setup in the Provisioning tab to start it."
              : `${app.reason ? `${app.reason} ` : ""}Nothing is sent to ${app.name}. Resume checks the connection, then sends every change made meanwhile.`}
        </p>
      </div>
      {canEdit && app.state === "ACTIVE" ? (
        <ConfirmDialog
          trigger={
            <Button variant="secondary">
              <PauseCircle aria-hidden className="size-4" />
              Stop provisioning
            </Button>
          }
          title={`Stop provisioning to ${app.name}?`}
          confirmLabel="Stop provisioning"
          onConfirm={onStop}
        >
          <p>Nothing is sent to {app.name} until you resume: no new accounts, updates, deactivations or deletions. People keep the accounts they have there.</p>
          <p>Changes made in the directory meanwhile are not lost: Resume sends them.</p>
        </ConfirmDialog>
      ) : null}
      {canEdit && stopped ? (
        <Button onClick={onResume} disabled={resuming}>
          <PlayCircle aria-hidden className="size-4" />
          {resuming ? "Resuming…" : "Resume provisioning"}
        </Button>
      ) : null}
    </div>
  );
}
