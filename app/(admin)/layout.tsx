import type { ReactNode } from "react";
import { Logo } from "@/components/app/logo";
import { SidebarNav } from "@/components/shell/sidebar-nav";
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
      <aside className="hidden w-60 shrink-0 border-r border-zinc-200 bg-white md:block">
        <div className="flex h-16 items-center border-b border-zinc-200 px-5">
          <Logo />
        </div>
        <SidebarNav organizationName={session.organization.name} isOwner={session.role === "OWNER"} />
      </aside>
      <div className="flex min-w-0 flex-1 flex-col">
        <header className="flex h-16 items-center justify-between border-b border-zinc-200 bg-white px-6">
          <div className="flex items-center gap-3">
            <span data-testid="org-name" className="text-sm font-semibold text-zinc-900">
              {session.organization.name}
            </span>
            <Badge tone="brand">{PLAN_LABELS[session.organization.plan]} plan</Badge>
          </div>
          <UserMenu name={session.name} email={session.email} roleLabel={ROLE_LABELS[session.role]} signOut={signOutAction} />
        </header>
        <main className="mx-auto w-full max-w-6xl flex-1 px-6 py-8">{children}</main>
      </div>
    </div>
  );
}
