"use client";

import * as DropdownMenu from "@radix-ui/react-dropdown-menu";
import { AppWindow, ChevronDown } from "lucide-react";
import { Button } from "@/components/ui/button";
import type { ActionResult } from "@/lib/actions/define-action";
import type { UserSelectionInput } from "@/lib/directory/schemas/user";

import type { BulkOutcome } from "./bulk-result-toast";

/** What an assignment change did; an unassign also names people who keep the app through a group. */
export type AssignmentChange = { changed: number; skipped?: BulkOutcome["skipped"]; skippedCount?: number };
type Change = (input: { appId: string; selection: UserSelectionInput }) => Promise<ActionResult<AssignmentChange>>;

interface Props {
  apps: { id: string; name: string }[];
  selection: UserSelectionInput;
  assign: Change;
  unassign: Change;
  onDone: (result: ActionResult<AssignmentChange>, verbPast: string) => void;
}

/** Assign the selected people to an app, or take them out of one, from the users list's bulk bar. */
export function AppAssignmentMenu({ apps, selection, assign, unassign, onDone }: Props) {
  const item = "flex cursor-pointer items-center rounded-md px-3 py-2 text-sm outline-none data-[highlighted]:bg-zinc-100";
  return (
    // Not modal: a modal menu hides the rest of the page with aria-hidden while its links stay focusable (axe: aria-hidden-focus).
    <DropdownMenu.Root modal={false}>
      <DropdownMenu.Trigger asChild>
        <Button size="sm" variant="secondary">
          <AppWindow aria-hidden className="size-4" /> Apps <ChevronDown aria-hidden className="size-3.5" />
        </Button>
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content align="end" sideOffset={4} className="z-30 min-w-56 rounded-lg bg-white p-1 shadow-lg ring-1 ring-zinc-200">
          <DropdownMenu.Label className="px-3 py-1.5 text-xs font-medium text-zinc-500">Assign to</DropdownMenu.Label>
          {apps.map((app) => (
            <DropdownMenu.Item
              key={`assign-${app.id}`}
              className={item}
              onSelect={async () => onDone(await assign({ appId: app.id, selection }), `Assigned to ${app.name}:`)}
            >
              {app.name}
            </DropdownMenu.Item>
          ))}
          <DropdownMenu.Separator className="my-1 h-px bg-zinc-100" />
          <DropdownMenu.Label className="px-3 py-1.5 text-xs font-medium text-zinc-500">Unassign from</DropdownMenu.Label>
          {apps.map((app) => (
            <DropdownMenu.Item
              key={`unassign-${app.id}`}
              className={item}
              onSelect={async () => onDone(await unassign({ appId: app.id, selection }), `Unassigned from ${app.name}:`)}
            >
              {app.name}
            </DropdownMenu.Item>
          ))}
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  );
}
