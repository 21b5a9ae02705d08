import { AppWindow } from "lucide-react";
import Link from "next/link";
import type { ReactNode } from "react";
import { AppLogo } from "@/components/apps/app-logo";
import { AppStateBadge } from "@/components/apps/app-state-badge";
import { Card, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import type { AppHealth } from "@/lib/provisioning/log/get-provisioning-overview";

const TIME = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

/** One row per app: its state, when it last synced, how many requests failed in the last 24 hours, and why it stopped. */
export function AppHealthCard({ apps, addApp }: { apps: AppHealth[]; addApp: ReactNode }) {
  return (
    <Card className="min-w-0">
      <CardHeader title="App health" description="Each app's state, last sync and failures in the last 24 hours." />
      {apps.length === 0 ? (
        <EmptyState icon={AppWindow} title="No applications yet">
          <p>Add Atlassian, or any app that speaks SCIM 2.0, and Roster keeps its accounts in step with your directory.</p>
          <div className="mt-4 flex justify-center">{addApp}</div>
        </EmptyState>
      ) : (
        <ul className="divide-y divide-zinc-100" aria-label="App health">
          {apps.map((app) => (
            <li key={app.id} className="flex items-start gap-3 px-6 py-3">
              <AppLogo catalogKey={app.catalogKey} className="mt-0.5 size-8 shrink-0" />
              <div className="min-w-0 flex-1">
                <div className="flex flex-wrap items-center gap-x-2 gap-y-1">
                  <Link href={`/applications/${app.id}`} className="font-medium break-words text-zinc-900 hover:text-brand-700 hover:underline">
                    {app.name}
                  </Link>
                  <AppStateBadge state={app.state} />
                </div>
                {app.state === "QUARANTINED" && app.quarantineReason ? <p className="mt-1 text-sm text-red-700">{app.quarantineReason}</p> : null}
                <p className="mt-0.5 text-sm text-zinc-500">
                  Last sync: {app.lastSyncAt ? `${TIME.format(app.lastSyncAt)} UTC` : "never"}
                  {" · "}
                  {app.failures24h > 0 ? (
                    <Link href={`/applications/${app.id}/log?status=FAILED`} className="font-medium text-red-700 hover:underline">
                      {app.failures24h.toLocaleString("en-US")} failed in the last 24 h
                    </Link>
                  ) : (
                    "no failures in the last 24 h"
                  )}
                </p>
              </div>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
