"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { FlaskConical, RefreshCw } from "lucide-react";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import type { ActionResult } from "@/lib/actions/define-action";
import type { DryRunReport as Report } from "@/lib/provisioning/sync/dry-run";
import type { SyncRunView } from "@/lib/provisioning/log/get-sync-overview";
import { ApprovalNotice } from "./approval-notice";
import { DryRunReport, DryRunSkeleton } from "./dry-run-report";
import { QuarantineBanner } from "./quarantine-banner";
import { syncKeys } from "./sync-keys";
import { SyncProgress } from "./sync-progress";

type RunResult = ActionResult<{ run: SyncRunView | null; deletionCancelled?: boolean }>;

interface Props {
  app: { id: string; name: string; state: "DRAFT" | "ACTIVE" | "PAUSED" | "QUARANTINED"; quarantineReason: string | null; quarantinedAt: string | null };
  threshold: { percent: number; count: number };
  initialRun: SyncRunView | null;
  canSync: boolean;
  startSync: (input: { appId: string; approved?: boolean }) => Promise<ActionResult<{ needsApproval: boolean; run: SyncRunView | null }>>;
  dryRun: (input: { appId: string }) => Promise<ActionResult<Report>>;
  resume: (input: { appId: string }) => Promise<RunResult>;
}

async function fetchRun(appId: string): Promise<SyncRunView | null> {
  const response = await fetch(`/applications/${appId}/sync/run`, { cache: "no-store" });
  if (!response.ok) throw new Error("Could not load the sync's progress.");
  return ((await response.json()) as { run: SyncRunView | null }).run;
}

/** The app Overview's sync controls: Sync now with live progress, Dry run, approval and the quarantine banner. */
export function SyncPanel({ app, threshold, initialRun, canSync, startSync, dryRun, resume }: Props) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const { data: run } = useQuery({
    queryKey: syncKeys.run(app.id),
    queryFn: () => fetchRun(app.id),
    initialData: initialRun,
    refetchInterval: (query) => (query.state.data?.status === "RUNNING" ? 1_000 : false),
  });
  const [starting, setStarting] = useState(false);
  const [dryRunState, setDryRunState] = useState<"idle" | "loading" | Report>("idle");

  // When a run ends, the counts on the page are out of date: reload them.
  const lastStatus = useRef(run?.status);
  useEffect(() => {
    if (lastStatus.current === "RUNNING" && run?.status !== "RUNNING") router.refresh();
    lastStatus.current = run?.status;
  }, [run?.status, router]);

  const showRun = (next: SyncRunView | null) => queryClient.setQueryData(syncKeys.run(app.id), next);

  async function onStart(approved = false) {
    setStarting(true);
    try {
      const result = await startSync({ appId: app.id, approved });
      if (!result.ok) return void toast.error(result.message);
      showRun(result.data.run);
      setDryRunState("idle");
      if (result.data.needsApproval) toast.warning("This sync needs your approval before anything is sent.");
    } finally {
      setStarting(false);
    }
  }

  async function onDryRun() {
    setDryRunState("loading");
    const result = await dryRun({ appId: app.id });
    if (!result.ok) {
      setDryRunState("idle");
      return void toast.error(result.message);
    }
    setDryRunState(result.data);
  }

  async function onResume() {
    const result = await resume({ appId: app.id });
    if (!result.ok) return void toast.error(result.message);
    showRun(result.data.run);
    toast.success(
      result.data.deletionCancelled
        ? `${app.name} is no longer being deleted: provisioning resumed, and Roster is syncing everyone, which brings the accounts already deactivated back in line with the directory.`
        : `Provisioning to ${app.name} resumed. Roster is syncing everyone.`,
    );
    router.refresh();
  }

  const running = run?.status === "RUNNING";
  const active = app.state === "ACTIVE";
  return (
    <>
      {app.state === "QUARANTINED" || app.state === "PAUSED" ? (
        <QuarantineBanner
          appId={app.id}
          state={app.state}
          reason={app.quarantineReason}
          quarantinedAt={app.quarantinedAt}
          canResume={canSync}
          onResume={onResume}
        />
      ) : null}
      <Card>
        <CardHeader
          title="Sync"
          description={`Brings every assigned and linked person in line with ${app.name}. Changes are sent on their own as the directory changes; Sync now checks everyone at once.`}
          action={
            <div className="flex shrink-0 gap-2">
              <Button variant="secondary" onClick={onDryRun} disabled={dryRunState === "loading"}>
                <FlaskConical aria-hidden className="size-4" />
                {dryRunState === "loading" ? "Planning…" : "Dry run"}
              </Button>
              {canSync ? (
                <Button onClick={() => onStart(false)} disabled={starting || running || !active}>
                  <RefreshCw aria-hidden className={running || starting ? "size-4 animate-spin" : "size-4"} />
                  {running ? "Syncing…" : starting ? "Starting…" : "Sync now"}
                </Button>
              ) : null}
            </div>
          }
        />
        <div className="space-y-4 px-6 py-5">
          {run?.status === "WAITING_FOR_APPROVAL" ? (
            <ApprovalNotice
              appName={app.name}
              removals={run.removals}
              groupDeletions={run.groupDeletions}
              threshold={threshold}
              canApprove={canSync && active}
              onApprove={() => onStart(true)}
            />
          ) : run && run.status !== "CANCELLED" ? (
            <SyncProgress appId={app.id} run={run} />
          ) : (
            <p className="text-sm text-zinc-500">
              {!active
                ? app.state === "DRAFT"
                  ? "Finish setting up provisioning to sync this app."
                  : "Resume provisioning to sync this app."
                : canSync
                  ? "No sync has run yet. Try a dry run to see what Sync now would do, then click Sync now."
                  : "No sync has run yet. Try a dry run to see what a sync would do."}
            </p>
          )}
        </div>
      </Card>
      {dryRunState !== "idle" ? (
        <Card>
          <CardHeader
            title="Dry run"
            description="What Sync now would do right now, worked out from the directory and Roster's records. Nothing is sent to the app."
            action={
              <Button variant="ghost" size="sm" onClick={() => setDryRunState("idle")}>
                Close
              </Button>
            }
          />
          {dryRunState === "loading" ? <DryRunSkeleton /> : <DryRunResult report={dryRunState} appName={app.name} threshold={threshold} />}
        </Card>
      ) : null}
    </>
  );
}

function DryRunResult({ report, appName, threshold }: { report: Report; appName: string; threshold: { percent: number; count: number } }) {
  return (
    <div className="pb-2">
      {report.needsApproval ? (
        <p role="note" className="mx-6 mt-5 rounded-lg bg-amber-50 px-4 py-3 text-sm text-amber-900 ring-1 ring-amber-200 ring-inset">
          Sync now would stop for approval first: it would deactivate or delete {report.removals.toLocaleString("en-US")} accounts in {appName}, more than the
          threshold of {threshold.percent}% of active accounts or {threshold.count.toLocaleString("en-US")} accounts.
        </p>
      ) : null}
      <DryRunReport report={report} />
    </div>
  );
}
