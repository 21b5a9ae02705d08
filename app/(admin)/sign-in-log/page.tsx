import { LogIn } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { SignInLogTable } from "@/components/audit/sign-in-log-table";
import { SignInLogToolbar } from "@/components/audit/sign-in-log-toolbar";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { countSignInEvents, decodeSignInCursor, listSignInEvents, signInFilterOptions, signInReasonText } from "@/lib/audit/list-sign-in-events";
import { signInFilterSearchParams, signInLogQuery } from "@/lib/audit/schemas";
import { requirePagePermission } from "@/lib/auth/require";

export const metadata: Metadata = { title: "Sign-in log" };

export default async function SignInLogPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const session = await requirePagePermission("admin access");
  const organizationId = session.organization.id;
  const { after, ...filter } = signInLogQuery.parse(await searchParams);
  const cursor = decodeSignInCursor(after);
  const [page, total, options] = await Promise.all([
    listSignInEvents(organizationId, filter, cursor),
    countSignInEvents(organizationId, filter),
    signInFilterOptions(organizationId),
  ]);
  const query = signInFilterSearchParams(filter);
  const filtered = query.size > 0;
  const href = (next: string | null) => {
    const params = new URLSearchParams(query);
    if (next) params.set("after", next);
    return params.size > 0 ? `/sign-in-log?${params.toString()}` : "/sign-in-log";
  };
  return (
    <>
      <PageHeader title="Sign-in log" description="Who signed in to Roster or to an app through it, when, from where, and how it ended." />
      <Card>
        <SignInLogToolbar people={options.people} apps={options.apps} />
        {page.events.length === 0 ? (
          <EmptyState icon={LogIn} title={filtered ? "No sign-ins match these filters" : "No sign-ins yet"}>
            {filtered ? (
              <>
                Change the search or widen the dates, or{" "}
                <Link href="/sign-in-log" className="font-medium text-brand-700 hover:underline">
                  clear all filters
                </Link>
                .
              </>
            ) : (
              "Each sign-in to Roster, and to apps from My apps, appears here."
            )}
          </EmptyState>
        ) : (
          <>
            <SignInLogTable events={page.events.map((event) => ({ ...event, reason: signInReasonText(event.reason) }))} />
            <nav aria-label="Pages" className="flex flex-wrap items-center justify-between gap-2 border-t border-zinc-100 px-4 py-3 text-sm text-zinc-500">
              <span>
                {total.count.toLocaleString("en-US")}
                {total.more ? "+" : ""} {total.count === 1 && !total.more ? "sign-in" : "sign-ins"}{" "}
                {filtered ? (total.count === 1 && !total.more ? "matches" : "match") : "in all"}, newest first
              </span>
              <div className="flex gap-2">
                {cursor ? (
                  <Button variant="secondary" size="sm" asChild>
                    <Link href={href(null)}>Newest</Link>
                  </Button>
                ) : null}
                {page.nextCursor ? (
                  <Button variant="secondary" size="sm" asChild>
                    <Link href={href(page.nextCursor)}>Older</Link>
                  </Button>
                ) : null}
              </div>
            </nav>
          </>
        )}
      </Card>
    </>
  );
}
