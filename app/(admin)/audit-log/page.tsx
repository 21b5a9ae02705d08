import { ScrollText } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { AuditLogTable } from "@/components/audit/audit-log-table";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { decodeAuditCursor, listAuditEvents } from "@/lib/audit/list-audit-events";
import { can } from "@/lib/auth/permissions";
import { requirePagePermission } from "@/lib/auth/require";

export const metadata: Metadata = { title: "Audit log" };

export default async function AuditLogPage({ searchParams }: { searchParams: Promise<{ after?: string }> }) {
  const session = await requirePagePermission("admin access");
  const { after } = await searchParams;
  const cursor = decodeAuditCursor(after);
  const { events: all, total, nextCursor } = await listAuditEvents(session.organization.id, cursor);
  // What changed in an app (its Sync endpoint, its token's expiry, its mapping) is app data: only for "view apps".
  const events = can(session, "view apps") ? all : all.map((event) => (event.targetType === "app" ? { ...event, changes: null } : event));
  return (
    <>
      <PageHeader title="Audit log" description="Who did what in Roster, and when. Kept for every sign-in and every change an admin makes." />
      <Card>
        {events.length === 0 ? (
          <EmptyState icon={ScrollText} title="No events yet">
            Sign-ins and changes to settings, people and apps will appear here.
          </EmptyState>
        ) : (
          <>
            <AuditLogTable events={events} />
            <div className="flex items-center justify-between border-t border-zinc-100 px-4 py-3 text-sm text-zinc-500">
              <span>
                {total.toLocaleString("en-US")} {total === 1 ? "event" : "events"} in all
              </span>
              <div className="flex gap-2">
                {cursor ? (
                  <Button variant="secondary" size="sm" asChild>
                    <Link href="/audit-log">Newest</Link>
                  </Button>
                ) : null}
                {nextCursor ? (
                  <Button variant="secondary" size="sm" asChild>
                    <Link href={`/audit-log?after=${nextCursor}`}>Older</Link>
                  </Button>
                ) : null}
              </div>
            </div>
          </>
        )}
      </Card>
    </>
  );
}
