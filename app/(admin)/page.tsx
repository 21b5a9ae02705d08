import { ScrollText } from "lucide-react";
import type { Metadata } from "next";
import { AddAppButton } from "@/components/apps/add-app-button";
import { AppHealthCard } from "@/components/overview/app-health-card";
import { OperationsChartCard } from "@/components/overview/operations-chart-card";
import { OverviewStats } from "@/components/overview/overview-stats";
import { RecentFailuresCard } from "@/components/overview/recent-failures-card";
import { SetupChecklistCard } from "@/components/overview/setup-checklist-card";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/lib/auth/permissions";
import { requirePagePermission } from "@/lib/auth/require";
import { getOverviewCounts } from "@/lib/directory/organization";
import { suggestAppNames } from "@/lib/provisioning/apps/manage-apps";
import { CATALOG } from "@/lib/provisioning/connectors/catalog";
import { countAppsByState, getOperationSeries, listAppHealth, listRecentFailures } from "@/lib/provisioning/log/get-provisioning-overview";
import { setupChecklist } from "@/lib/provisioning/log/setup-checklist";
import { addAppAction } from "./applications/actions";

export const metadata: Metadata = { title: "Overview" };

export default async function OverviewPage() {
  const session = await requirePagePermission("admin access");
  const organizationId = session.organization.id;
  const now = new Date();
  // Apps and the provisioning log are for admins who may view apps; the others see the directory's figures.
  const viewApps = can(session, "view apps");
  const canAdd = viewApps && can(session, "assign apps");
  const [counts, apps, series, failures, suggestedNames] = await Promise.all([
    getOverviewCounts(organizationId, now),
    viewApps ? listAppHealth(organizationId, now) : null,
    viewApps ? getOperationSeries(organizationId, now) : null,
    viewApps ? listRecentFailures(organizationId) : null,
    canAdd ? suggestAppNames(organizationId, CATALOG) : null,
  ]);
  const firstName = session.name.split(" ")[0];
  const checklist = apps ? setupChecklist({ people: counts.people, apps }) : null;
  return (
    <>
      <PageHeader title={`Welcome back, ${firstName}`} description="Your directory and its apps at a glance." />
      <OverviewStats
        people={{ total: counts.people, active: counts.active, inactive: counts.inactive }}
        groups={counts.groups}
        admins={counts.admins}
        apps={apps ? countAppsByState(apps) : undefined}
      />
      {checklist ? (
        <div className="mt-6">
          <SetupChecklistCard steps={checklist.steps} allDone={checklist.allDone} />
        </div>
      ) : null}
      {apps && series && failures ? (
        <div className="mt-6 grid gap-6 xl:grid-cols-2">
          <AppHealthCard
            apps={apps}
            addApp={
              suggestedNames ? <AddAppButton catalogKey="atlassian" name="Atlassian" suggestedName={suggestedNames.atlassian!} add={addAppAction} /> : null
            }
          />
          <RecentFailuresCard failures={failures} />
          <div className="min-w-0 xl:col-span-2">
            <OperationsChartCard series={series} />
          </div>
        </div>
      ) : null}
      <p className="mt-4 flex items-center gap-1.5 text-xs text-zinc-500">
        <ScrollText aria-hidden className="size-3.5" /> {counts.recentEvents} audit {counts.recentEvents === 1 ? "event" : "events"} in the last 7 days.
      </p>
    </>
  );
}
