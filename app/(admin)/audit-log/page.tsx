import { ScrollText } from "lucide-react";
import type { Metadata } from "next";
import { AuditLogTable } from "@/components/audit/audit-log-table";
import { AuditLogToolbar } from "@/components/audit/audit-log-toolbar";
import { EventLogCard } from "@/components/audit/event-log-card";
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
  return (
    <>
      <PageHeader title="Audit log" description="Who did what in Roster, and when. Kept for every sign-in and every change an admin makes." />
      <EventLogCard
        basePath="/audit-log"
        query={auditFilterSearchParams(filter)}
        toolbar={<AuditLogToolbar actors={actors} />}
        noun={{ one: "event", many: "events" }}
        icon={ScrollText}
        whatAppears="Sign-ins and changes to settings, people and apps will appear here."
        total={total}
        paged={cursor !== null}
        nextCursor={page.nextCursor}
      >
        {events.length > 0 ? <AuditLogTable events={events} /> : null}
      </EventLogCard>
    </>
  );
}
