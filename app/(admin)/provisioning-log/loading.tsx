import { LogSkeleton } from "@/components/provisioning-log/log-skeleton";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";

export default function ProvisioningLogLoading() {
  return (
    <>
      <PageHeader title="Provisioning log" description="Every request Roster sends to an app, with its result and the reason for any failure." />
      <Card>
        <LogSkeleton />
      </Card>
    </>
  );
}
