import { Waypoints } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { LiveRefresh } from "@/components/provisioning-log/live-refresh";
import { LogPager } from "@/components/provisioning-log/log-pager";
import { OperationLogTable } from "@/components/provisioning-log/operation-log-table";
import { OperationLogToolbar } from "@/components/provisioning-log/operation-log-toolbar";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/lib/auth/permissions";
import { requirePagePermission } from "@/lib/auth/require";
import { conflictLinkStates } from "@/lib/provisioning/accounts/conflict-link-states";
import { listApps } from "@/lib/provisioning/apps/manage-apps";
import { decodeOperationCursor, listOperations } from "@/lib/provisioning/log/list-operations";
import { OPERATION_KIND_OPTIONS, OPERATION_STATUS_OPTIONS } from "@/lib/provisioning/log/labels";
import { filterSearchParams, operationLogQuery } from "@/lib/provisioning/log/schemas";
import { linkAccountAction, searchAppAccountsAction } from "../users/[id]/provisioning/actions";

export const metadata: Metadata = { title: "Provisioning log" };

export default async function ProvisioningLogPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const session = await requirePagePermission("view apps");
  const { after, ...filter } = operationLogQuery.parse(await searchParams);
  const cursor = decodeOperationCursor(after);
  const [apps, page] = await Promise.all([listApps(session.organization.id), listOperations(session.organization.id, filter, cursor)]);
  const linkStates = await conflictLinkStates(session.organization.id, page.operations);
  const filtered = filterSearchParams(filter).size > 0;
  return (
    <>
      <PageHeader title="Provisioning log" description="Every request Roster sends to an app, with its result and the reason for any failure." />
      {cursor === null && apps.length > 0 ? <LiveRefresh /> : null}
      <Card>
        {apps.length > 0 ? (
          <OperationLogToolbar kinds={OPERATION_KIND_OPTIONS} statuses={OPERATION_STATUS_OPTIONS} apps={apps.map(({ id, name }) => ({ id, name }))} />
        ) : null}
        {page.operations.length === 0 ? (
          <EmptyState icon={Waypoints} title={filtered ? "Nothing matches these filters" : apps.length === 0 ? "No applications yet" : "Nothing sent yet"}>
            {filtered ? (
              "Clear a filter or widen the time range to see more."
            ) : apps.length === 0 ? (
              <>
                <Link href="/applications" className="font-medium text-brand-700 hover:underline">
                  Add an application
                </Link>{" "}
                and set up provisioning; each create, update, deactivation and deletion then appears here.
              </>
            ) : (
              "Assign people to an active app, or click Sync now on its Overview; each request Roster sends appears here."
            )}
          </EmptyState>
        ) : (
          <>
            <OperationLogTable
              operations={page.operations}
              showApp
              linking={{ states: linkStates, canLink: can(session, "assign apps"), search: searchAppAccountsAction, link: linkAccountAction }}
            />
            <LogPager
              basePath="/provisioning-log"
              query={filterSearchParams(filter)}
              paged={cursor !== null}
              nextCursor={page.nextCursor}
              shown={page.operations.length}
            />
          </>
        )}
      </Card>
    </>
  );
}
