"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { cn } from "@/components/ui/class-names";

export function AppTabs({ appId }: { appId: string }) {
  const pathname = usePathname();
  const base = `/applications/${appId}`;
  const tabs = [
    { href: base, label: "Overview", active: pathname === base },
    { href: `${base}/users`, label: "Users", active: pathname.startsWith(`${base}/users`) },
    { href: `${base}/provisioning`, label: "Provisioning", active: pathname.startsWith(`${base}/provisioning`) },
    { href: `${base}/sso`, label: "Single sign-on", active: pathname.startsWith(`${base}/sso`) },
    { href: `${base}/import`, label: "Import", active: pathname.startsWith(`${base}/import`) },
    { href: `${base}/log`, label: "Log", active: pathname.startsWith(`${base}/log`) },
    { href: `${base}/settings`, label: "Settings", active: pathname.startsWith(`${base}/settings`) },
  ];
  return (
    // On a phone the tabs scroll sideways instead of widening the page; the line under them is an inset shadow, which
    // the active tab's border covers inside the scrolling box.
    <nav aria-label="App sections" className="mb-6 flex overflow-x-auto sm:gap-1 shadow-[inset_0_-1px_0_var(--color-zinc-200)] [scrollbar-width:none]">
      {tabs.map((tab) => (
        <Link
          key={tab.href}
          href={tab.href}
          aria-current={tab.active ? "page" : undefined}
          className={cn(
            "shrink-0 border-b-2 px-2 py-2 text-sm font-medium whitespace-nowrap sm:px-3",
            tab.active ? "border-brand-600 text-brand-700" : "border-transparent text-zinc-500 hover:border-zinc-300 hover:text-zinc-800",
          )}
        >
          {tab.label}
        </Link>
      ))}
    </nav>
  );
}
