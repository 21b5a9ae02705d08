import { LogSkeleton } from "@/components/provisioning-log/log-skeleton";
import { Card } from "@/components/ui/card";

export default function AppLogLoading() {
  return (
    <Card>
      <LogSkeleton />
    </Card>
  );
}
