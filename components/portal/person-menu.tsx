"use client";

import { ShieldCheck } from "lucide-react";
import { AccountMenu, type AccountMenuLink } from "@/components/shell/account-menu";

const LINKS: AccountMenuLink[] = [{ href: "/two-step", label: "Two-step sign-in", icon: ShieldCheck }];

/** The signed-in person's menu on My apps: who they are, their two-step sign-in, and signing out. */
export function PersonMenu({ name, email, signOut }: { name: string; email: string; signOut: () => Promise<void> }) {
  return <AccountMenu name={name} email={email} links={LINKS} signOut={signOut} />;
}
