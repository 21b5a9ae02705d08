import { LogIn } from "lucide-react";
import type { Metadata } from "next";
import { EventLogCard } from "@/components/audit/event-log-card";
import { SignInLogTable } from "@/components/audit/sign-in-log-table";
import { SignInLogToolbar } from "@/components/audit/sign-in-log-toolbar";
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
  return (
    <>
      <PageHeader title="Sign-in log" description="Who signed in to Roster or to an app through it, when, from where, and how it ended." />
      <EventLogCard
        basePath="/sign-in-log"
        query={signInFilterSearchParams(filter)}
        toolbar={<SignInLogToolbar people={options.people} apps={options.apps} />}
        noun={{ one: "sign-in", many: "sign-ins" }}
        icon={LogIn}
        whatAppears="Each sign-in to Roster, and to apps from My apps, appears here."
        total={total}
        paged={cursor !== null}
        nextCursor={page.nextCursor}
      >
        {page.events.length > 0 ? <SignInLogTable events={page.events.map((event) => ({ ...event, reason: signInReasonText(event.reason) }))} /> : null}
      </EventLogCard>
    </>
  );
}
