"use client";

import { AppWindow, Building2, LayoutDashboard, LogIn, ScrollText, Settings, ShieldCheck, Users, UsersRound, Waypoints } from "lucide-react";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { cn } from "@/components/ui/class-names";

const ITEMS = [
  { href: "/", label: "Overview", icon: LayoutDashboard },
  { href: "/users", label: "Users", icon: Users },
  { href: "/groups", label: "Groups", icon: UsersRound },
  { href: "/applications", label: "Applications", icon: AppWindow },
  { href: "/provisioning-log", label: "Provisioning log", icon: Waypoints },
  { href: "/audit-log", label: "Audit log", icon: ScrollText },
  { href: "/sign-in-log", label: "Sign-in log", icon: LogIn },
  { href: "/settings", label: "Settings", icon: Settings },
  { href: "/admins", label: "Admins", icon: ShieldCheck, ownerOnly: true },
] as const;

/** `onNavigate` runs when a link is followed (the navigation drawer closes itself with it). */
export function SidebarNav({ organizationName, isOwner = false, onNavigate }: { organizationName: string; isOwner?: boolean; onNavigate?: () => void }) {
  const pathname = usePathname();
  return (
    <nav aria-label="Main" className="flex flex-col gap-1 p-3">
      <div className="mb-3 flex items-center gap-2 rounded-lg px-2.5 py-2 text-sm text-zinc-600">
        <Building2 aria-hidden className="size-4 text-zinc-400" />
        <span className="truncate font-medium text-zinc-800">{organizationName}</span>
      </div>
      {ITEMS.filter((item) => isOwner || !("ownerOnly" in item)).map(({ href, label, icon: Icon }) => {
        const active = href === "/" ? pathname === "/" : pathname.startsWith(href);
        return (
          <Link
            key={href}
            href={href}
            aria-current={active ? "page" : undefined}
            onClick={onNavigate}
            className={cn(
              "flex items-center gap-2.5 rounded-lg px-2.5 py-2 text-sm font-medium transition-colors",
              active ? "bg-brand-50 text-brand-700" : "text-zinc-600 hover:bg-zinc-100 hover:text-zinc-900",
            )}
          >
            <Icon aria-hidden className={cn("size-4", active ? "text-brand-600" : "text-zinc-400")} />
            {label}
          </Link>
        );
      })}
    </nav>
  );
}
