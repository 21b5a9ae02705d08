import { Badge } from "@/components/ui/badge";

export function UserStatusBadge({ status }: { status: "ACTIVE" | "INACTIVE" }) {
  return <Badge tone={status === "ACTIVE" ? "success" : "neutral"}>{status === "ACTIVE" ? "Active" : "Deactivated"}</Badge>;
}
