"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect } from "react";
import { toast } from "sonner";
import { Alert } from "@/components/ui/alert";
import { SyncProgress } from "@/components/sync/sync-progress";
import { syncKeys } from "@/components/sync/sync-keys";
import type { SyncRunView } from "@/lib/provisioning/log/get-sync-overview";

/** The app's latest run, or "gone" once the app itself is deleted (its runs go with it). */
async function fetchDeletion(appId: string): Promise<SyncRunView | "gone"> {
  const response = await fetch(`/applications/${appId}/sync/run`, { cache: "no-store" });
  if (response.status === 404) return "gone";
  if (!response.ok) throw new Error("Could not load the deletion's progress.");
  return ((await response.json()) as { run: SyncRunView | null }).run ?? "gone";
}

/** The deactivate-then-delete run's progress; when the app is gone, back to the list. If the run failed, why the app stays. */
export function AppDeletionProgress({ app }: { app: { id: string; name: string } }) {
  const router = useRouter();
  const { data } = useQuery({
    queryKey: [...syncKeys.run(app.id), "deletion"],
    queryFn: () => fetchDeletion(app.id),
    refetchInterval: (query) => (query.state.data === "gone" || (query.state.data && query.state.data.status !== "RUNNING") ? false : 1_000),
  });
  useEffect(() => {
    if (data !== "gone") return;
    toast.success(`${app.name} was deleted; its accounts there were deactivated.`);
    router.push("/applications");
    router.refresh();
  }, [data, app.name, router]);

  if (!data || data === "gone") return <p className="mt-4 text-sm text-zinc-600">{data === "gone" ? `${app.name} was deleted.` : "Starting…"}</p>;
  const stopped = data.status !== "RUNNING";
  return (
    <div className="mt-4 space-y-4">
      <p className="text-sm text-zinc-600">
        Roster is deactivating the accounts in {app.name}, then deletes the app. You can close this: it goes on, and the app&apos;s Overview shows its progress.
      </p>
      <SyncProgress appId={app.id} run={data} />
      {stopped && data.failed > 0 ? (
        <Alert tone="error">
          {app.name} was not deleted: {data.failed.toLocaleString("en-US")} {data.failed === 1 ? "account" : "accounts"} could not be deactivated.{" "}
          <Link href={`/applications/${app.id}/log?status=FAILED`} className="font-medium underline">
            The Log says why
          </Link>
          . Fix that and delete the app again, or resume provisioning to keep it.
        </Alert>
      ) : null}
    </div>
  );
}
