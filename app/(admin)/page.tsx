import { AppWindow, ScrollText, UserCheck, Users } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { StatCard } from "@/components/app/stat-card";
import { Card, CardHeader } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requirePagePermission } from "@/lib/auth/require";
import { getOverviewCounts } from "@/lib/directory/organization";

export const metadata: Metadata = { title: "Overview" };

export default async function OverviewPage() {
  const session = await requirePagePermission("admin access");
  const counts = await getOverviewCounts(session.organization.id);
  const firstName = session.name.split(" ")[0];
  return (
    <>
      <PageHeader title={`Welcome back, ${firstName}`} description="Your directory at a glance." />
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        <StatCard label="People" value={counts.people} icon={Users} href="/users" detail={`${counts.departments} departments`} />
        <StatCard label="Active" value={counts.active} icon={UserCheck} detail={`${counts.inactive} deactivated`} />
        <StatCard label="Admins" value={counts.admins} icon={Users} detail="Owners and admins" />
        <StatCard label="Applications" value={0} icon={AppWindow} href="/applications" detail="None connected yet" />
      </div>
      <Card className="mt-6">
        <CardHeader title="Getting started" description="Three steps to provision your people to their apps." />
        <ol className="divide-y divide-zinc-100 text-sm">
          {[
            { step: "Review your people", body: "Check that names, departments and e-mail addresses are right.", href: "/users" },
            { step: "Connect an application", body: "Add Atlassian or any SCIM 2.0 app and authorize it.", href: "/applications" },
            { step: "Watch it sync", body: "Every change reaches the app by itself; the audit log shows who changed what.", href: "/audit-log" },
          ].map((item, index) => (
            <li key={item.step} className="flex items-center gap-4 px-6 py-4">
              <span className="flex size-7 shrink-0 items-center justify-center rounded-full bg-brand-50 text-xs font-semibold text-brand-700">
                {index + 1}
              </span>
              <div className="flex-1">
                <p className="font-medium text-zinc-900">{item.step}</p>
                <p className="text-zinc-500">{item.body}</p>
              </div>
              <Link href={item.href} className="text-sm font-medium text-brand-600 hover:text-brand-700">
                Open
              </Link>
            </li>
          ))}
        </ol>
      </Card>
      <p className="mt-4 flex items-center gap-1.5 text-xs text-zinc-500">
        <ScrollText aria-hidden className="size-3.5" /> {counts.recentEvents} audit {counts.recentEvents === 1 ? "event" : "events"} in the last 7 days.
      </p>
    </>
  );
}
