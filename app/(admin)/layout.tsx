import type { ReactNode } from "react";
import { Logo } from "@/components/app/logo";
import { NavigationDrawer } from "@/components/shell/navigation-drawer";
import { SidebarNav } from "@/components/shell/sidebar-nav";
import { SkipLink } from "@/components/shell/skip-link";
import { UserMenu } from "@/components/shell/user-menu";
import { Badge } from "@/components/ui/badge";
import { ROLE_LABELS } from "@/lib/auth/permissions";
import { requireSession } from "@/lib/auth/require";
import { PLAN_LABELS } from "@/lib/directory/schemas/organization";
import { signOutAction } from "./actions";

export default async function AdminLayout({ children }: { children: ReactNode }) {
  const session = await requireSession();
  return (
    <div className="flex min-h-screen">
      <SkipLink />
      <aside className="hidden w-60 shrink-0 border-r border-zinc-200 bg-white md:block">
        <div className="flex h-16 items-center border-b border-zinc-200 px-5">
          <Logo />
        </div>
        <SidebarNav organizationName={session.organization.name} isOwner={session.role === "OWNER"} />
      </aside>
      <div className="flex min-w-0 flex-1 flex-col">
        <header className="flex h-16 items-center justify-between gap-3 border-b border-zinc-200 bg-white px-4 sm:px-6">
          <div className="flex min-w-0 items-center gap-3">
            <NavigationDrawer organizationName={session.organization.name} isOwner={session.role === "OWNER"} />
            <span data-testid="org-name" className="truncate text-sm font-semibold text-zinc-900">
              {session.organization.name}
            </span>
            <span className="hidden shrink-0 sm:inline-flex">
              <Badge tone="brand">{PLAN_LABELS[session.organization.plan]} plan</Badge>
            </span>
          </div>
          <UserMenu name={session.name} email={session.email} roleLabel={ROLE_LABELS[session.role]} signOut={signOutAction} />
        </header>
        <main id="main" tabIndex={-1} className="mx-auto w-full max-w-6xl min-w-0 flex-1 px-4 py-6 outline-none sm:px-6 sm:py-8">
          {children}
        </main>
      </div>
    </div>
  );
}
