import type { Metadata } from "next";
import { AppTiles } from "@/components/portal/app-tiles";
import { PageHeader } from "@/components/ui/page-header";
import { requirePagePermission } from "@/lib/auth/require";
import { listMyApps } from "@/lib/directory/assignments/list-my-apps";
import { ssoReadyApps } from "@/lib/sso/sso-app";

export const metadata: Metadata = { title: "My apps" };

export default async function MyAppsPage() {
  const session = await requirePagePermission("signed in");
  const apps = await listMyApps(session.organization.id, session.userId, ssoReadyApps);
  return (
    <>
      <PageHeader title="My apps" description="The apps your organization gives you. Choose one to sign in to it." />
      <AppTiles apps={apps} />
    </>
  );
}
