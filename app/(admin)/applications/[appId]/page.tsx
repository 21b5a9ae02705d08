import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { StatCard } from "@/components/app/stat-card";
import { TokenExpiryNotice } from "@/components/provisioning/token-expiry-notice";
import { SyncPanel } from "@/components/sync/sync-panel";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { Users, CheckCircle2, AlertTriangle } from "lucide-react";
import { can } from "@/lib/auth/permissions";
import { requirePagePermission } from "@/lib/auth/require";
import { getApp } from "@/lib/provisioning/apps/manage-apps";
import { wizardProgress } from "@/lib/provisioning/apps/wizard-steps";
import { getSyncOverview } from "@/lib/provisioning/log/get-sync-overview";
import { dryRunAction, resumeAppAction, startSyncAction } from "./sync/actions";

export const metadata: Metadata = { title: "Application" };

const SYNC_ACTIONS = [
  ["syncCreate", "Create users"],
  ["syncUpdate", "Update user profile"],
  ["syncDelete", "Delete users"],
  ["syncActivation", "Activate and deactivate users"],
  ["pushGroups", "Push groups"],
] as const;

export default async function AppOverviewPage({ params }: { params: Promise<{ appId: string }> }) {
  const session = await requirePagePermission("view apps");
  const { appId } = await params;
  const [app, overview] = await Promise.all([getApp(session.organization.id, appId), getSyncOverview(session.organization.id, appId)]);
  if (!app || !overview) notFound();
  const progress = wizardProgress(app);
  const setUp = progress.steps.every((step) => step.done);
  return (
    <div className="space-y-6">
      <TokenExpiryNotice expiresAt={app.tokenExpiresAt} />
      {/* A quarantined or paused app waiting for a new token is resumed from its banner, not set up again. */}
      {!setUp && app.state === "DRAFT" ? (
        <Card className="flex flex-wrap items-center justify-between gap-4 p-5">
          <div>
            <p className="font-semibold text-zinc-900">Finish setting up provisioning</p>
            <p className="text-sm text-zinc-500">
              {progress.steps.filter((step) => step.done).length} of {progress.steps.length} steps done. Nothing is sent to the app until you finish.
            </p>
          </div>
          <Button asChild>
            <Link href={`/applications/${app.id}/provisioning`}>Continue setup</Link>
          </Button>
        </Card>
      ) : null}
      <div className="grid gap-4 sm:grid-cols-3">
        <StatCard label="Assigned" value={app.peopleInScope} icon={Users} href={`/applications/${app.id}/users`} detail="People in scope for this app" />
        <StatCard
          label="Provisioned"
          value={overview.counts.provisioned}
          icon={CheckCircle2}
          href={`/applications/${app.id}/log`}
          detail="Accounts created or linked"
        />
        <StatCard
          label="Failing"
          value={overview.counts.failing}
          icon={AlertTriangle}
          href={`/applications/${app.id}/log?status=FAILED`}
          detail="People whose last change failed"
        />
      </div>
      {setUp || app.state !== "DRAFT" ? (
        <SyncPanel
          app={{
            id: app.id,
            name: app.name,
            state: overview.app.state,
            quarantineReason: overview.app.quarantineReason,
            quarantinedAt: overview.app.quarantinedAt?.toISOString() ?? null,
          }}
          threshold={{ percent: overview.app.deletionThresholdPercent, count: overview.app.deletionThresholdCount }}
          initialRun={overview.latestRun}
          canSync={can(session, "assign apps")}
          startSync={startSyncAction}
          dryRun={dryRunAction}
          resume={resumeAppAction}
        />
      ) : null}
      <Card>
        <CardHeader title="Sync actions" description="Which directory changes Roster sends to this app." />
        <ul className="grid gap-3 px-6 py-5 sm:grid-cols-2">
          {SYNC_ACTIONS.map(([key, label]) => (
            <li key={key} className="flex items-center justify-between rounded-lg bg-zinc-50 px-4 py-3 text-sm">
              <span className="text-zinc-700">{label}</span>
              <span className={app[key] ? "font-medium text-emerald-700" : "text-zinc-500"}>{app[key] ? "On" : "Off"}</span>
            </li>
          ))}
        </ul>
      </Card>
    </div>
  );
}
