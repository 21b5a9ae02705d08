"use client";

import * as DropdownMenu from "@radix-ui/react-dropdown-menu";
import { ChevronDown, KeyRound, LayoutGrid, LogOut, ShieldCheck } from "lucide-react";
import Link from "next/link";

interface UserMenuProps {
  name: string;
  email: string;
  roleLabel: string;
  signOut: () => Promise<void>;
}

export function UserMenu({ name, email, roleLabel, signOut }: UserMenuProps) {
  const initials = name
    .split(/\s+/)
    .map((part) => part[0])
    .filter(Boolean)
    .slice(0, 2)
    .join("")
    .toUpperCase();
  return (
    <DropdownMenu.Root modal={false}>
      <DropdownMenu.Trigger aria-label="Account menu" className="flex items-center gap-2 rounded-lg px-2 py-1.5 text-sm hover:bg-zinc-100">
        <span className="flex size-8 items-center justify-center rounded-full bg-brand-600 text-xs font-semibold text-white">{initials}</span>
        <span className="hidden text-left sm:block">
          <span className="block font-medium text-zinc-900">{name}</span>
          <span className="block text-xs text-zinc-600">{roleLabel}</span>
        </span>
        <ChevronDown aria-hidden className="size-4 text-zinc-400" />
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content align="end" sideOffset={6} className="z-50 min-w-56 rounded-lg bg-white p-1 shadow-lg ring-1 ring-zinc-200">
          <div className="px-3 py-2">
            <p className="text-sm font-medium text-zinc-900">{name}</p>
            <p className="truncate text-xs text-zinc-500">{email}</p>
          </div>
          <DropdownMenu.Separator className="my-1 h-px bg-zinc-100" />
          <DropdownMenu.Item
            asChild
            className="flex cursor-pointer items-center gap-2 rounded-md px-3 py-2 text-sm text-zinc-700 outline-none data-[highlighted]:bg-zinc-100"
          >
            <Link href="/my-apps">
              <LayoutGrid aria-hidden className="size-4" />
              My apps
            </Link>
          </DropdownMenu.Item>
          <DropdownMenu.Item
            asChild
            className="flex cursor-pointer items-center gap-2 rounded-md px-3 py-2 text-sm text-zinc-700 outline-none data-[highlighted]:bg-zinc-100"
          >
            <Link href="/account/password">
              <KeyRound aria-hidden className="size-4" />
              Change password
            </Link>
          </DropdownMenu.Item>
          <DropdownMenu.Item
            asChild
            className="flex cursor-pointer items-center gap-2 rounded-md px-3 py-2 text-sm text-zinc-700 outline-none data-[highlighted]:bg-zinc-100"
          >
            <Link href="/two-step">
              <ShieldCheck aria-hidden className="size-4" />
              Two-step sign-in
            </Link>
          </DropdownMenu.Item>
          <DropdownMenu.Item
            onSelect={() => void signOut()}
            className="flex cursor-pointer items-center gap-2 rounded-md px-3 py-2 text-sm text-zinc-700 outline-none data-[highlighted]:bg-zinc-100"
          >
            <LogOut aria-hidden className="size-4" />
            Sign out
          </DropdownMenu.Item>
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  );
}
