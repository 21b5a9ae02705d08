"use client";

import { KeyRound, LayoutGrid, ShieldCheck } from "lucide-react";
import { AccountMenu, type AccountMenuLink } from "./account-menu";

const LINKS: AccountMenuLink[] = [
  { href: "/my-apps", label: "My apps", icon: LayoutGrid },
  { href: "/account/password", label: "Change password", icon: KeyRound },
  { href: "/two-step", label: "Two-step sign-in", icon: ShieldCheck },
];

interface UserMenuProps {
  name: string;
  email: string;
  roleLabel: string;
  signOut: () => Promise<void>;
}

/** The admin shell's account menu: My apps, the password, two-step sign-in, and signing out. */
export function UserMenu({ name, email, roleLabel, signOut }: UserMenuProps) {
  return <AccountMenu name={name} email={email} roleLabel={roleLabel} links={LINKS} signOut={signOut} />;
}
