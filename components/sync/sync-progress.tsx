import { CheckCircle2, Loader2, XCircle } from "lucide-react";
import Link from "next/link";
import { cn } from "@/components/ui/class-names";
import type { SyncRunView } from "@/lib/provisioning/log/get-sync-overview";
import { formatDuration } from "./format-duration";
import { progressFigures } from "./progress-figures";

const people = (count: number) => `${count.toLocaleString("en-US")} ${count === 1 ? "person" : "people"}`;

/** A sync run's progress: done of total, rate and time left while it runs; a summary once it ends. */
export function SyncProgress({ appId, run }: { appId: string; run: SyncRunView }) {
  const running = run.status === "RUNNING";
  const percent = run.total === 0 ? 100 : Math.min(100, Math.round((run.done / run.total) * 100));
  const ok = run.done - run.failed;
  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <p role="status" className="flex items-center gap-2 text-sm font-medium text-zinc-900">
          {running ? (
            <Loader2 aria-hidden className="size-4 animate-spin text-brand-600" />
          ) : run.failed > 0 ? (
            <XCircle aria-hidden className="size-4 text-red-600" />
          ) : (
            <CheckCircle2 aria-hidden className="size-4 text-emerald-600" />
          )}
          {run.reason ? `${run.reason}: ` : ""}
          {running
            ? `Syncing ${run.done.toLocaleString("en-US")} of ${people(run.total)}…`
            : run.total === 0
              ? "Nothing to sync: no one is assigned to this app or linked to an account in it."
              : `Synced ${run.done.toLocaleString("en-US")} of ${people(run.total)}${run.finishedAt ? ` in ${formatDuration(run.elapsedMs)}` : ""}.`}
        </p>
        <p className="text-xs text-zinc-500 tabular-nums">
          {running
            ? progressFigures(run)
            : `Started ${new Date(run.startedAt).toLocaleString("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" })} UTC`}
        </p>
      </div>
      <div
        role="progressbar"
        aria-label="Sync progress"
        aria-valuemin={0}
        aria-valuemax={run.total}
        aria-valuenow={run.done}
        aria-valuetext={`${run.done} of ${run.total}`}
        className="h-2.5 overflow-hidden rounded-full bg-zinc-100"
      >
        <div
          className={cn(
            "h-full rounded-full transition-[width] duration-500 ease-out motion-reduce:transition-none",
            run.failed > 0 && !running ? "bg-amber-500" : running ? "bg-brand-600" : "bg-emerald-500",
          )}
          style={{ width: `${percent}%` }}
        />
      </div>
      {!running && run.total > 0 ? (
        <p className="text-sm text-zinc-600">
          {ok.toLocaleString("en-US")} in line with the directory
          {run.failed > 0 ? (
            <>
              {", "}
              <Link href={`/applications/${appId}/log?status=FAILED`} className="font-medium text-red-700 hover:underline">
                {people(run.failed)} failed
              </Link>
              {": the Log says why."}
            </>
          ) : (
            ", none failed."
          )}
        </p>
      ) : null}
    </div>
  );
}
