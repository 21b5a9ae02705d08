"use client";

import * as DropdownMenu from "@radix-ui/react-dropdown-menu";
import { AppWindow, ChevronDown, ChevronRight } from "lucide-react";
import { Button } from "@/components/ui/button";
import type { ActionResult } from "@/lib/actions/define-action";
import type { UserSelectionInput } from "@/lib/directory/schemas/user";

import type { BulkOutcome } from "./bulk-result-toast";

/** What an assignment change did; an unassign also names people who keep the app through a group. */
export type AssignmentChange = { changed: number; skipped?: BulkOutcome["skipped"]; skippedCount?: number };
type Change = (input: { appId: string; selection: UserSelectionInput }) => Promise<ActionResult<AssignmentChange>>;
type App = { id: string; name: string; note?: string };

interface Props {
  apps: App[];
  selection: UserSelectionInput;
  assign: Change;
  unassign: Change;
  onDone: (result: ActionResult<AssignmentChange>, verbPast: string) => void;
}

const ITEM = "flex cursor-pointer items-center gap-2 rounded-md px-3 py-2 text-sm outline-none data-[highlighted]:bg-zinc-100";
const CONTENT = "z-30 min-w-56 rounded-lg bg-white p-1 shadow-lg ring-1 ring-zinc-200";

function Items({ apps, verb, run }: { apps: App[]; verb: "assign" | "unassign"; run: (app: App) => void }) {
  return apps.map((app) => (
    <DropdownMenu.Item key={`${verb}-${app.id}`} className={ITEM} onSelect={() => run(app)}>
      {app.name}
      {app.note ? <span className="ml-auto text-xs text-zinc-500">{app.note}</span> : null}
    </DropdownMenu.Item>
  ));
}

/** Assign the selected people to an app, or take them out of one, from the users list's selection bar. */
export function AppAssignmentMenu({ apps, selection, assign, unassign, onDone }: Props) {
  return (
    // Not modal: a modal menu hides the rest of the page with aria-hidden while its links stay focusable (axe: aria-hidden-focus).
    <DropdownMenu.Root modal={false}>
      <DropdownMenu.Trigger asChild>
        <Button size="sm" variant="secondary">
          <AppWindow aria-hidden className="size-4" /> Apps <ChevronDown aria-hidden className="size-3.5" />
        </Button>
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content align="end" sideOffset={4} className={CONTENT}>
          <DropdownMenu.Label className="px-3 py-1.5 text-xs font-medium text-zinc-500">Assign to</DropdownMenu.Label>
          <Items apps={apps} verb="assign" run={async (app) => onDone(await assign({ appId: app.id, selection }), `Assigned to ${app.name}:`)} />
          <DropdownMenu.Separator className="my-1 h-px bg-zinc-100" />
          <DropdownMenu.Label className="px-3 py-1.5 text-xs font-medium text-zinc-500">Unassign from</DropdownMenu.Label>
          <Items apps={apps} verb="unassign" run={async (app) => onDone(await unassign({ appId: app.id, selection }), `Unassigned from ${app.name}:`)} />
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  );
}

interface SubMenusProps extends Omit<Props, "apps"> {
  /** Apps the person may be assigned to directly, and apps they are assigned to directly. */
  assignable: App[];
  unassignable: App[];
}

/** The same, for one person, as "Assign to app" and "Unassign from app" submenus of a row menu. */
export function AppAssignmentSubMenus({ assignable, unassignable, selection, assign, unassign, onDone }: SubMenusProps) {
  const sub = (label: string, apps: App[], verb: "assign" | "unassign", run: (app: App) => void) =>
    apps.length > 0 ? (
      <DropdownMenu.Sub>
        <DropdownMenu.SubTrigger className={ITEM}>
          {label} <ChevronRight aria-hidden className="ml-auto size-3.5" />
        </DropdownMenu.SubTrigger>
        <DropdownMenu.Portal>
          <DropdownMenu.SubContent sideOffset={4} className={CONTENT}>
            <Items apps={apps} verb={verb} run={run} />
          </DropdownMenu.SubContent>
        </DropdownMenu.Portal>
      </DropdownMenu.Sub>
    ) : null;
  return (
    <>
      {sub("Assign to app", assignable, "assign", async (app) => onDone(await assign({ appId: app.id, selection }), `Assigned to ${app.name}:`))}
      {sub("Unassign from app", unassignable, "unassign", async (app) => onDone(await unassign({ appId: app.id, selection }), `Unassigned from ${app.name}:`))}
    </>
  );
}
