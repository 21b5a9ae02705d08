import { Waypoints } from "lucide-react";
import type { Metadata } from "next";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { requireSession } from "@/lib/auth/require";

export const metadata: Metadata = { title: "Provisioning log" };

export default async function AppLogPage() {
  await requireSession();
  return (
    <Card>
      <EmptyState icon={Waypoints} title="Nothing sent to this app yet">
        Each create, update, deactivation and deletion sent to the app appears here, with its result.
      </EmptyState>
    </Card>
  );
}
