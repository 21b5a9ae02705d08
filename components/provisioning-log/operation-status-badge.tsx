import { Badge } from "@/components/ui/badge";
import type { OperationStatusName } from "@/lib/provisioning/log/schemas";

const TONES = { SUCCEEDED: "success", FAILED: "danger", SKIPPED: "warning" } as const;

export function OperationStatusBadge({ status, label }: { status: OperationStatusName; label: string }) {
  return <Badge tone={TONES[status]}>{label}</Badge>;
}
