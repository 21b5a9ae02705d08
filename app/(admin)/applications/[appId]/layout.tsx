import Link from "next/link";
import { notFound } from "next/navigation";
import type { ReactNode } from "react";
import { AppLogo } from "@/components/apps/app-logo";
import { AppStateBadge } from "@/components/apps/app-state-badge";
import { AppTabs } from "@/components/apps/app-tabs";
import { requirePagePermission } from "@/lib/auth/require";
import { getApp } from "@/lib/provisioning/apps/manage-apps";

export default async function AppLayout({ children, params }: { children: ReactNode; params: Promise<{ appId: string }> }) {
  // Not relied on: every page under it checks for itself (a layout renders beside its page, not before it).
  const session = await requirePagePermission("view apps");
  const { appId } = await params;
  const app = await getApp(session.organization.id, appId);
  if (!app) notFound();
  return (
    <>
      <Link href="/applications" className="text-sm text-zinc-500 hover:text-zinc-800">
        ← Applications
      </Link>
      <div className="mt-2 mb-6 flex items-center gap-4">
        <AppLogo catalogKey={app.catalogKey} className="size-12" />
        <div>
          <h1 className="flex items-center gap-3 text-2xl font-semibold tracking-tight text-zinc-900">
            {app.name}
            <AppStateBadge state={app.state} />
          </h1>
          <p className="text-sm text-zinc-500">{app.baseUrl ?? "Provisioning is not set up yet."}</p>
        </div>
      </div>
      <AppTabs appId={app.id} />
      {children}
    </>
  );
}
