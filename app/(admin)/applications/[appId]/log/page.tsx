import { Waypoints } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { LiveRefresh } from "@/components/provisioning-log/live-refresh";
import { LogPager } from "@/components/provisioning-log/log-pager";
import { OperationLogTable } from "@/components/provisioning-log/operation-log-table";
import { OperationLogToolbar } from "@/components/provisioning-log/operation-log-toolbar";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { can } from "@/lib/auth/permissions";
import { requirePagePermission } from "@/lib/auth/require";
import { conflictLinkStates } from "@/lib/provisioning/accounts/conflict-link-states";
import { getApp } from "@/lib/provisioning/apps/manage-apps";
import { decodeOperationCursor, listOperations } from "@/lib/provisioning/log/list-operations";
import { OPERATION_KIND_OPTIONS, OPERATION_STATUS_OPTIONS } from "@/lib/provisioning/log/labels";
import { filterSearchParams, operationLogQuery } from "@/lib/provisioning/log/schemas";
import { linkAccountAction, searchAppAccountsAction } from "../../../users/[id]/provisioning/actions";

export const metadata: Metadata = { title: "Provisioning log" };

/** The app's provisioning log. */
export default async function AppLogPage({
  params,
  searchParams,
}: {
  params: Promise<{ appId: string }>;
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const session = await requirePagePermission("view apps");
  const { appId } = await params;
  const app = await getApp(session.organization.id, appId);
  if (!app) notFound();
  const { after, app: _otherApp, ...filter } = operationLogQuery.parse(await searchParams);
  const cursor = decodeOperationCursor(after);
  const page = await listOperations(session.organization.id, { ...filter, app: app.id }, cursor);
  const linkStates = await conflictLinkStates(session.organization.id, page.operations);
  const filtered = filterSearchParams(filter).size > 0;
  return (
    <Card>
      {cursor === null ? <LiveRefresh /> : null}
      <OperationLogToolbar kinds={OPERATION_KIND_OPTIONS} statuses={OPERATION_STATUS_OPTIONS} />
      {page.operations.length === 0 ? (
        <EmptyState icon={Waypoints} title={filtered ? "Nothing matches these filters" : "Nothing sent to this app yet"}>
          {filtered ? (
            "Clear a filter or widen the time range to see more."
          ) : app.state === "DRAFT" ? (
            <>
              <Link href={`/applications/${app.id}/provisioning`} className="font-medium text-brand-700 hover:underline">
                Finish setting up provisioning
              </Link>
              , then assign people: each create, update, deactivation and deletion sent to the app appears here, with its result.
            </>
          ) : (
            <>
              <Link href={`/applications/${app.id}/users?view=available`} className="font-medium text-brand-700 hover:underline">
                Assign people
              </Link>{" "}
              or click Sync now on the Overview: each request sent to the app appears here, with its result.
            </>
          )}
        </EmptyState>
      ) : (
        <>
          <OperationLogTable
            operations={page.operations}
            showApp={false}
            linking={{ states: linkStates, canLink: can(session, "assign apps"), search: searchAppAccountsAction, link: linkAccountAction }}
          />
          <LogPager
            basePath={`/applications/${app.id}/log`}
            query={filterSearchParams(filter)}
            paged={cursor !== null}
            nextCursor={page.nextCursor}
            shown={page.operations.length}
          />
        </>
      )}
    </Card>
  );
}
