import { Globe } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { AddDomainForm } from "@/components/domains/add-domain-form";
import { DomainList } from "@/components/domains/domain-list";
import { Alert } from "@/components/ui/alert";
import { Card, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/lib/auth/permissions";
import { requirePagePermission } from "@/lib/auth/require";
import { listDomains } from "@/lib/directory/domains/list-domains";
import { addDomainAction, removeDomainAction, verifyDomainAction } from "./actions";

export const metadata: Metadata = { title: "Domains" };

const WHEN = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

export default async function DomainsPage() {
  const session = await requirePagePermission("admin access");
  const domains = await listDomains(session.organization.id);
  const canManage = can(session, "manage users");
  return (
    <>
      <Link href="/settings" className="text-sm text-zinc-500 hover:text-zinc-800">
        ← Settings
      </Link>
      <div className="mt-1">
        <PageHeader
          title="Domains"
          description="The e-mail domains your people use. Atlassian manages only accounts on verified domains; people on other domains are flagged in the users list."
        />
      </div>
      <div className="max-w-3xl space-y-6">
        {canManage ? (
          <Card>
            <CardHeader title="Add a domain" description="You prove you own it by creating a DNS TXT record that Roster then looks up." />
            <AddDomainForm add={addDomainAction} />
          </Card>
        ) : (
          <Alert>You can see the domains; adding, verifying or removing them needs the “manage users” permission.</Alert>
        )}
        <Card>
          <CardHeader title="Your domains" />
          {domains.length === 0 ? (
            <EmptyState icon={Globe} title="No domains yet">
              Add the domain of your people&apos;s e-mail addresses above, then verify it with a TXT record.
            </EmptyState>
          ) : (
            <DomainList
              canManage={canManage}
              verify={verifyDomainAction}
              remove={removeDomainAction}
              domains={domains.map((domain) => ({
                id: domain.id,
                name: domain.name,
                verified: domain.verifiedAt !== null,
                checked: domain.verifiedAt
                  ? `Verified ${WHEN.format(domain.verifiedAt)} UTC`
                  : domain.lastCheckedAt
                    ? `Last checked ${WHEN.format(domain.lastCheckedAt)} UTC`
                    : "Not checked yet",
                lastCheckError: domain.lastCheckError,
                people: domain.people,
                record: domain.record,
              }))}
            />
          )}
        </Card>
      </div>
    </>
  );
}
