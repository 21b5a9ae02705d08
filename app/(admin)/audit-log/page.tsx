import { ScrollText } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { AuditLogTable } from "@/components/audit/audit-log-table";
import { AuditLogToolbar } from "@/components/audit/audit-log-toolbar";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import {
  auditTargetHref,
  countAuditEvents,
  decodeAuditCursor,
  existingAuditTargets,
  listAuditActors,
  listAuditEvents,
  withoutAppChanges,
} from "@/lib/audit/list-audit-events";
import { auditFilterSearchParams, auditLogQuery } from "@/lib/audit/schemas";
import { can } from "@/lib/auth/permissions";
import { requirePagePermission } from "@/lib/auth/require";

export const metadata: Metadata = { title: "Audit log" };

export default async function AuditLogPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const session = await requirePagePermission("admin access");
  const organizationId = session.organization.id;
  const { after, ...filter } = auditLogQuery.parse(await searchParams);
  const cursor = decodeAuditCursor(after);
  const [page, total, actors] = await Promise.all([
    listAuditEvents(organizationId, filter, cursor),
    countAuditEvents(organizationId, filter),
    listAuditActors(organizationId),
  ]);
  const canViewApps = can(session, "view apps");
  const existing = await existingAuditTargets(organizationId, page.events);
  const events = withoutAppChanges(page.events, canViewApps).map((event) => ({ ...event, targetHref: auditTargetHref(event, existing, canViewApps) }));
  const query = auditFilterSearchParams(filter);
  const filtered = query.size > 0;
  const href = (next: string | null) => {
    const params = new URLSearchParams(query);
    if (next) params.set("after", next);
    return params.size > 0 ? `/audit-log?${params.toString()}` : "/audit-log";
  };
  return (
    <>
      <PageHeader title="Audit log" description="Who did what in Roster, and when. Kept for every sign-in and every change an admin makes." />
      <Card>
        <AuditLogToolbar actors={actors} />
        {events.length === 0 ? (
          <EmptyState icon={ScrollText} title={filtered ? "No events match these filters" : "No events yet"}>
            {filtered ? (
              <>
                Change the search or widen the dates, or{" "}
                <Link href="/audit-log" className="font-medium text-brand-700 hover:underline">
                  clear all filters
                </Link>
                .
              </>
            ) : (
              "Sign-ins and changes to settings, people and apps will appear here."
            )}
          </EmptyState>
        ) : (
          <>
            <AuditLogTable events={events} />
            <nav aria-label="Pages" className="flex flex-wrap items-center justify-between gap-2 border-t border-zinc-100 px-4 py-3 text-sm text-zinc-500">
              <span>
                {total.count.toLocaleString("en-US")}
                {total.more ? "+" : ""} {total.count === 1 && !total.more ? "event" : "events"}{" "}
                {filtered ? (total.count === 1 && !total.more ? "matches" : "match") : "in all"}, newest first
              </span>
              <div className="flex gap-2">
                {cursor ? (
                  <Button variant="secondary" size="sm" asChild>
                    <Link href={href(null)}>Newest</Link>
                  </Button>
                ) : null}
                {page.nextCursor ? (
                  <Button variant="secondary" size="sm" asChild>
                    <Link href={href(page.nextCursor)}>Older</Link>
                  </Button>
                ) : null}
              </div>
            </nav>
          </>
        )}
      </Card>
    </>
  );
}
