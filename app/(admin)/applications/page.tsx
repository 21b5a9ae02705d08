import { AppWindow } from "lucide-react";
import type { Metadata } from "next";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requireSession } from "@/lib/auth/require";

export const metadata: Metadata = { title: "Applications" };

export default async function ApplicationsPage() {
  await requireSession();
  return (
    <>
      <PageHeader title="Applications" description="The apps your people get accounts in, kept in step with the directory over SCIM 2.0." />
      <Card>
        <EmptyState icon={AppWindow} title="No applications connected">
          Connecting Atlassian or any SCIM 2.0 app arrives with the provisioning wizard. Until then, people stay in the directory only.
        </EmptyState>
      </Card>
    </>
  );
}
