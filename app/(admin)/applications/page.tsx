import type { Metadata } from "next";
import Link from "next/link";
import { AddAppButton } from "@/components/apps/add-app-button";
import { AppLogo } from "@/components/apps/app-logo";
import { AppStateBadge } from "@/components/apps/app-state-badge";
import { Card, CardHeader } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/lib/auth/permissions";
import { requirePagePermission } from "@/lib/auth/require";
import { listApps, suggestAppNames } from "@/lib/provisioning/apps/manage-apps";
import { CATALOG } from "@/lib/provisioning/connectors/catalog";
import { addAppAction } from "./actions";

export const metadata: Metadata = { title: "Applications" };

export default async function ApplicationsPage() {
  const session = await requirePagePermission("view apps");
  const [apps, suggestedNames] = await Promise.all([listApps(session.organization.id), suggestAppNames(session.organization.id, CATALOG)]);
  const canAdd = can(session, "assign apps");
  return (
    <>
      <PageHeader title="Applications" description="The apps your people get accounts in, kept in step with the directory over SCIM 2.0." />
      {apps.length > 0 ? (
        <div className="mb-8 grid gap-4 md:grid-cols-2">
          {apps.map((app) => (
            <Link key={app.id} href={`/applications/${app.id}`} className="block min-w-0">
              {/* On a phone the counts wrap under the name instead of widening the page. */}
              <Card className="flex flex-wrap items-center gap-4 p-5 transition-shadow hover:shadow-md">
                <AppLogo catalogKey={app.catalogKey} />
                <div className="min-w-0 flex-1 basis-48">
                  <div className="flex flex-wrap items-center gap-2">
                    <span className="font-semibold text-zinc-900">{app.name}</span>
                    <AppStateBadge state={app.state} />
                  </div>
                  <p className="truncate text-sm text-zinc-500">{app.baseUrl ?? "Provisioning not set up yet"}</p>
                </div>
                <dl className="flex gap-5 text-right text-sm">
                  {[
                    ["assigned", app.assigned, "text-zinc-900"],
                    ["provisioned", app.provisioned, "text-zinc-900"],
                    ["failing", app.failing, app.failing > 0 ? "text-red-600" : "text-zinc-900"],
                  ].map(([label, value, tone]) => (
                    <div key={label as string}>
                      <dd className={`font-semibold tabular-nums ${tone}`}>{(value as number).toLocaleString("en-US")}</dd>
                      <dt className="text-xs text-zinc-500">{label}</dt>
                    </div>
                  ))}
                </dl>
              </Card>
            </Link>
          ))}
        </div>
      ) : null}
      <Card>
        <CardHeader title="Catalog" description={apps.length ? "Add another app." : "Add your first app, then set up provisioning in a few steps."} />
        <ul className="divide-y divide-zinc-100">
          {CATALOG.map((connector) => (
            <li key={connector.key} className="flex items-center gap-4 px-6 py-4">
              <AppLogo catalogKey={connector.key} />
              <div className="flex-1">
                <p className="font-medium text-zinc-900">{connector.name}</p>
                <p className="text-sm text-zinc-500">{connector.description}</p>
              </div>
              {canAdd ? (
                <AddAppButton catalogKey={connector.key} name={connector.name} suggestedName={suggestedNames[connector.key]!} add={addAppAction} />
              ) : null}
            </li>
          ))}
        </ul>
      </Card>
    </>
  );
}
