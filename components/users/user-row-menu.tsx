"use client";

import * as DropdownMenu from "@radix-ui/react-dropdown-menu";
import { MoreHorizontal } from "lucide-react";
import Link from "next/link";
import { useState, type ReactNode } from "react";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import type { UserStatusName } from "@/lib/directory/schemas/user";
import { DeleteConsequences } from "./delete-consequences";

interface Props {
  person: { id: string; name: string; status: UserStatusName };
  /** Edit, Activate/Deactivate and Delete need "manage users". */
  canManage: boolean;
  appCount: number;
  onStatus: (status: UserStatusName) => Promise<void>;
  onDelete: () => Promise<void>;
  /** The app submenus (with "assign apps"). */
  apps?: ReactNode;
}

const ITEM = "flex cursor-pointer items-center rounded-md px-3 py-2 text-sm outline-none data-[highlighted]:bg-zinc-100";

/** One person's menu in the users list. */
export function UserRowMenu({ person, canManage, appCount, onStatus, onDelete, apps }: Props) {
  const [confirmDelete, setConfirmDelete] = useState(false);
  return (
    <>
      {/* Not modal: a menu need not hide the page from screen readers (axe flags focusable content under aria-hidden). */}
      <DropdownMenu.Root modal={false}>
        <DropdownMenu.Trigger aria-label={`Actions for ${person.name}`} className="rounded-md p-1.5 text-zinc-500 hover:bg-zinc-100 hover:text-zinc-800">
          <MoreHorizontal aria-hidden className="size-4" />
        </DropdownMenu.Trigger>
        <DropdownMenu.Portal>
          <DropdownMenu.Content align="end" sideOffset={4} className="z-30 min-w-48 rounded-lg bg-white p-1 shadow-lg ring-1 ring-zinc-200">
            {canManage ? (
              <>
                <DropdownMenu.Item asChild className={ITEM}>
                  <Link href={`/users/${person.id}/edit`}>Edit</Link>
                </DropdownMenu.Item>
                <DropdownMenu.Item className={ITEM} onSelect={() => void onStatus(person.status === "ACTIVE" ? "INACTIVE" : "ACTIVE")}>
                  {person.status === "ACTIVE" ? "Deactivate" : "Activate"}
                </DropdownMenu.Item>
              </>
            ) : null}
            {apps ? (
              <>
                {canManage ? <DropdownMenu.Separator className="my-1 h-px bg-zinc-100" /> : null}
                {apps}
              </>
            ) : null}
            {canManage ? (
              <>
                <DropdownMenu.Separator className="my-1 h-px bg-zinc-100" />
                <DropdownMenu.Item className={`${ITEM} text-red-600`} onSelect={() => setConfirmDelete(true)}>
                  Delete…
                </DropdownMenu.Item>
              </>
            ) : null}
          </DropdownMenu.Content>
        </DropdownMenu.Portal>
      </DropdownMenu.Root>
      {confirmDelete ? (
        <ConfirmDialog defaultOpen onClosed={() => setConfirmDelete(false)} title={`Delete ${person.name}?`} confirmLabel="Delete" onConfirm={onDelete}>
          <DeleteConsequences count={1} appCount={appCount} />
        </ConfirmDialog>
      ) : null}
    </>
  );
}
