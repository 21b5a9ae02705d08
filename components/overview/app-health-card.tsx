import { AppWindow } from "lucide-react";
import Link from "next/link";
import type { ReactNode } from "react";
import { AppLogo } from "@/components/apps/app-logo";
import { AppStateBadge } from "@/components/apps/app-state-badge";
import { Card, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Table, Td, Th } from "@/components/ui/table";
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
        <Table aria-label="App health">
          <thead>
            <tr>
              <Th>App</Th>
              <Th>State</Th>
              <Th>Last sync (UTC)</Th>
              <Th className="text-right">Failed, 24 h</Th>
            </tr>
          </thead>
          <tbody className="divide-y divide-zinc-100">
            {apps.map((app) => (
              <tr key={app.id}>
                <Td>
                  <Link href={`/applications/${app.id}`} className="flex items-center gap-3 font-medium text-zinc-900 hover:text-brand-700 hover:underline">
                    <AppLogo catalogKey={app.catalogKey} className="size-8 shrink-0" />
                    <span className="min-w-0 break-words">{app.name}</span>
                  </Link>
                </Td>
                <Td>
                  <AppStateBadge state={app.state} />
                  {app.state === "QUARANTINED" && app.quarantineReason ? <p className="mt-1 text-xs text-red-700">{app.quarantineReason}</p> : null}
                </Td>
                <Td className="text-zinc-500 tabular-nums">{app.lastSyncAt ? TIME.format(app.lastSyncAt) : "Never"}</Td>
                <Td className="text-right tabular-nums">
                  {app.failures24h > 0 ? (
                    <Link href={`/applications/${app.id}/log?status=FAILED`} className="font-semibold text-red-700 hover:underline">
                      {app.failures24h.toLocaleString("en-US")}
                    </Link>
                  ) : (
                    "0"
                  )}
                </Td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
    </Card>
  );
}
