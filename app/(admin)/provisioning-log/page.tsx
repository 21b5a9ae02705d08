import { Waypoints } from "lucide-react";
import type { Metadata } from "next";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requireSession } from "@/lib/auth/require";

export const metadata: Metadata = { title: "Provisioning log" };

export default async function ProvisioningLogPage() {
  await requireSession();
  return (
    <>
      <PageHeader title="Provisioning log" description="Every request Roster sends to an app, with its result and the reason for any failure." />
      <Card>
        <EmptyState icon={Waypoints} title="Nothing sent yet">
          Once an application is connected, each create, update, deactivation and deletion appears here.
        </EmptyState>
      </Card>
    </>
  );
}
