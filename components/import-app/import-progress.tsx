"use client";

import { useQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useEffect } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { requestFocus } from "@/components/ui/focus-requests";
import type { ActionResult } from "@/lib/actions/define-action";
import { IMPORT_RESULTS_FOCUS } from "./import-results-focus";

interface RunStatus {
  id: string;
  status: string;
  fetched: number;
  total: number | null;
  applied: number;
  toApply: number;
}

export const importKeys = {
  status: (appId: string) => ["import-status", appId] as const,
  preview: (runId: string, selection: string, joinGroups: boolean) => ["import-preview", runId, selection, joinGroups] as const,
};

/**
 * Live progress of a fetch (fetched of total) or a confirmation (applied of selected). While the total is not known
 * (the app has not answered its first page yet) the bar is indeterminate: it moves, but claims no percentage.
 */
export function ImportProgress({
  appId,
  appName,
  initial,
  cancel,
}: {
  appId: string;
  appName: string;
  initial: RunStatus;
  cancel?: (input: { appId: string; runId: string }) => Promise<ActionResult<{ cancelled: boolean }>>;
}) {
  const router = useRouter();
  const { data } = useQuery({
    queryKey: importKeys.status(appId),
    queryFn: async () => (await (await fetch(`/applications/${appId}/import/status`)).json()) as RunStatus | null,
    initialData: initial,
    refetchInterval: 1000,
  });
  const run = data ?? initial;
  const busy = run.status === "FETCHING" || run.status === "CONFIRMING";
  useEffect(() => {
    // The refreshed page shows the fetched users; their heading takes focus (IMPORT_RESULTS_FOCUS).
    if (!busy && initial.status === "FETCHING") requestFocus(IMPORT_RESULTS_FOCUS);
    if (!busy || run.status !== initial.status) router.refresh();
  }, [busy, run.status, initial.status, router]);

  const fetching = run.status === "FETCHING";
  const done = fetching ? run.fetched : run.applied;
  const total = fetching ? run.total : run.toApply;
  const known = total !== null && total > 0;
  const percent = known ? Math.min(100, Math.round((done / total) * 100)) : null;
  const label = fetching
    ? known
      ? `Fetched ${done.toLocaleString("en-US")} of ${total.toLocaleString("en-US")} users`
      : done > 0
        ? `Fetched ${done.toLocaleString("en-US")} users from ${appName}; ${appName} has not said how many there are…`
        : `Fetching users from ${appName}…`
    : known
      ? `Applied ${done.toLocaleString("en-US")} of ${total.toLocaleString("en-US")} users`
      : "Starting to apply the import…";

  return (
    <div className="space-y-3 px-6 py-5">
      <div className="flex items-center justify-between text-sm">
        <span role="status" className="font-medium text-zinc-800">
          {label}
        </span>
        {fetching && cancel ? (
          <Button
            variant="secondary"
            size="sm"
            onClick={async () => {
              const result = await cancel({ appId, runId: run.id });
              if (!result.ok) toast.error(result.message);
              router.refresh();
            }}
          >
            Cancel
          </Button>
        ) : null}
      </div>
      {percent === null ? (
        // Indeterminate: no aria-valuenow, so assistive technology announces "busy", not a made-up figure.
        <div
          role="progressbar"
          aria-label={fetching ? "Fetching users" : "Applying the import"}
          aria-busy="true"
          aria-valuetext="In progress; total not known yet"
          className="relative h-2 overflow-hidden rounded-full bg-zinc-100"
        >
          <div className="absolute inset-y-0 w-1/4 animate-indeterminate rounded-full bg-brand-600 motion-reduce:left-0 motion-reduce:w-full motion-reduce:animate-pulse motion-reduce:opacity-40" />
        </div>
      ) : (
        <div
          role="progressbar"
          aria-label={fetching ? "Fetching users" : "Applying the import"}
          aria-busy="true"
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={percent}
          aria-valuetext={label}
          className="h-2 overflow-hidden rounded-full bg-zinc-100"
        >
          <div className="h-full rounded-full bg-brand-600 transition-all" style={{ width: `${percent}%` }} />
        </div>
      )}
    </div>
  );
}
