"use client";

import * as DropdownMenu from "@radix-ui/react-dropdown-menu";
import { ChevronDown, Plus } from "lucide-react";
import { useRouter } from "next/navigation";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import type { AssignmentChange } from "@/components/users/app-assignment-menu";
import { toastBulkResult } from "@/components/users/bulk-result-toast";
import type { ActionResult } from "@/lib/actions/define-action";
import type { UserSelectionInput } from "@/lib/directory/schemas/user";

export type ChangeAssignment = (input: { appId: string; selection: UserSelectionInput }) => Promise<ActionResult<AssignmentChange>>;

function useRunChange() {
  const router = useRouter();
  return async (result: Promise<ActionResult<AssignmentChange>>, verbPast: string) => {
    const outcome = await result;
    const ok = toastBulkResult(
      outcome.ok
        ? { ok: true, data: { changed: outcome.data.changed, skipped: outcome.data.skipped ?? [], skippedCount: outcome.data.skippedCount } }
        : outcome,
      verbPast,
    );
    if (ok) router.refresh();
  };
}

/** The person page's "Assign app": the apps they are not assigned to directly. */
export function AssignAppMenu({ userId, apps, assign }: { userId: string; apps: { id: string; name: string; viaGroup: boolean }[]; assign: ChangeAssignment }) {
  const run = useRunChange();
  if (apps.length === 0) return null;
  const item = "flex cursor-pointer items-center gap-3 rounded-md px-3 py-2 text-sm outline-none data-[highlighted]:bg-zinc-100";
  return (
    <DropdownMenu.Root modal={false}>
      <DropdownMenu.Trigger asChild>
        <Button size="sm" variant="secondary">
          <Plus aria-hidden className="size-4" /> Assign app <ChevronDown aria-hidden className="size-3.5" />
        </Button>
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content
          align="end"
          sideOffset={4}
          className="z-30 max-w-[calc(100vw-2rem)] min-w-56 rounded-lg bg-white p-1 shadow-lg ring-1 ring-zinc-200"
        >
          {apps.map((app) => (
            <DropdownMenu.Item
              key={app.id}
              className={item}
              onSelect={() => void run(assign({ appId: app.id, selection: { ids: [userId] } }), `Assigned to ${app.name}:`)}
            >
              <span className="truncate">{app.name}</span>
              {app.viaGroup ? <span className="ml-auto shrink-0 text-xs text-zinc-500">has it via group</span> : null}
            </DropdownMenu.Item>
          ))}
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  );
}

/** Takes away a direct assignment, after saying what happens in the app. */
export function UnassignAppButton({
  userId,
  app,
  keepsViaGroup,
  unassign,
}: {
  userId: string;
  app: { id: string; name: string };
  keepsViaGroup: boolean;
  unassign: ChangeAssignment;
}) {
  const run = useRunChange();
  return (
    <ConfirmDialog
      title={`Unassign from ${app.name}?`}
      confirmLabel="Unassign"
      onConfirm={() => run(unassign({ appId: app.id, selection: { ids: [userId] } }), `Unassigned from ${app.name}:`)}
      trigger={
        <Button size="sm" variant="ghost" className="shrink-0 whitespace-nowrap" aria-label={`Unassign from ${app.name}`}>
          Unassign
        </Button>
      }
    >
      <p>
        {keepsViaGroup
          ? `The direct assignment is removed, but this person keeps ${app.name} through a group; nothing changes in the app.`
          : `This person leaves ${app.name}'s scope. Where the app's Activate and deactivate users action is on, their account there is deactivated; nothing is deleted.`}
      </p>
    </ConfirmDialog>
  );
}
