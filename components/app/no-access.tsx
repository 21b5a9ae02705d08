import { Lock } from "lucide-react";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";

/** Shown instead of a page the signed-in admin may not see. */
export function NoAccess({ permission }: { permission: string }) {
  return (
    <Card>
      <EmptyState icon={Lock} title="You do not have access to this page">
        It needs the “{permission}” permission. Ask an Owner of your organization if you need it.
      </EmptyState>
    </Card>
  );
}
