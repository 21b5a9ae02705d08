import { CircleCheck } from "lucide-react";
import Link from "next/link";
import { Card, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import type { RecentFailure } from "@/lib/provisioning/log/get-provisioning-overview";

const TIME = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

/** The latest failed requests, each linking to its row in the app's log. */
export function RecentFailuresCard({ failures }: { failures: RecentFailure[] }) {
  return (
    <Card className="min-w-0">
      <CardHeader
        title="Recent failures"
        description="The latest requests an app refused or did not answer."
        action={
          failures.length > 0 ? (
            <Link href="/provisioning-log?status=FAILED" className="text-sm font-medium text-brand-700 hover:underline">
              All failures
            </Link>
          ) : null
        }
      />
      {failures.length === 0 ? (
        <EmptyState icon={CircleCheck} title="No failures">
          Nothing sent to your apps has failed. When a request fails, it shows here with the reason and a link to the log.
        </EmptyState>
      ) : (
        <ul className="divide-y divide-zinc-100" aria-label="Recent failures">
          {failures.map((failure) => (
            <li key={failure.id}>
              <Link href={failure.logHref} className="block px-6 py-3 hover:bg-zinc-50">
                <span className="flex flex-wrap items-baseline justify-between gap-x-3">
                  <span className="min-w-0 font-medium break-words text-zinc-900">
                    {failure.kindLabel} {failure.isGroup ? "group " : ""}
                    {failure.label.replace(/ <[^>]+>$/, "")} in {failure.appName}
                  </span>
                  <time dateTime={failure.createdAt.toISOString()} className="text-xs text-zinc-500 tabular-nums">
                    {TIME.format(failure.createdAt)} UTC
                  </time>
                </span>
                <span className="mt-0.5 block text-sm break-words text-red-700">{failure.reason}</span>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
