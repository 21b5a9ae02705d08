"use client";

import * as Dialog from "@radix-ui/react-dialog";
import { Menu, X } from "lucide-react";
import { useEffect, useState } from "react";
import { Logo } from "@/components/app/logo";
import { SidebarNav } from "./sidebar-nav";

/**
 * The sidebar's navigation for screens narrower than `md`, where the sidebar is hidden: a menu button in the header
 * opens it as a sheet from the left. Focus stays inside while it is open, Escape or a link closes it, and focus then
 * goes back to the menu button (Radix Dialog does both).
 */
export function NavigationDrawer({ organizationName, isOwner = false }: { organizationName: string; isOwner?: boolean }) {
  const [open, setOpen] = useState(false);
  // Widened past `md` (a rotated tablet), the sidebar is back and a hidden drawer would still hold focus: close it.
  useEffect(() => {
    const wide = window.matchMedia("(min-width: 48rem)");
    const close = () => wide.matches && setOpen(false);
    wide.addEventListener("change", close);
    return () => wide.removeEventListener("change", close);
  }, []);
  return (
    <Dialog.Root open={open} onOpenChange={setOpen}>
      <Dialog.Trigger
        aria-label="Open navigation"
        className="-ml-2 inline-flex size-10 shrink-0 items-center justify-center rounded-lg text-zinc-700 hover:bg-zinc-100 md:hidden"
      >
        <Menu aria-hidden className="size-5" />
      </Dialog.Trigger>
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 z-40 bg-zinc-900/40 md:hidden" />
        <Dialog.Content className="fixed inset-y-0 left-0 z-50 flex w-72 max-w-[85vw] flex-col overflow-y-auto bg-white shadow-xl ring-1 ring-zinc-200 md:hidden">
          <div className="flex h-16 shrink-0 items-center justify-between border-b border-zinc-200 px-5">
            <Dialog.Title asChild>
              <span>
                <Logo />
                <span className="sr-only"> navigation</span>
              </span>
            </Dialog.Title>
            <Dialog.Close
              aria-label="Close navigation"
              className="-mr-2 inline-flex size-10 items-center justify-center rounded-lg text-zinc-700 hover:bg-zinc-100"
            >
              <X aria-hidden className="size-5" />
            </Dialog.Close>
          </div>
          <Dialog.Description className="sr-only">Go to another part of Roster.</Dialog.Description>
          <SidebarNav organizationName={organizationName} isOwner={isOwner} onNavigate={() => setOpen(false)} />
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
