import { Badge } from "@/components/ui/badge";

const STATES = {
  DRAFT: { label: "Not configured", tone: "neutral" },
  ACTIVE: { label: "Active", tone: "success" },
  PAUSED: { label: "Paused", tone: "warning" },
  QUARANTINED: { label: "Quarantined", tone: "danger" },
} as const;

export function AppStateBadge({ state }: { state: keyof typeof STATES }) {
  const { label, tone } = STATES[state];
  return <Badge tone={tone}>{label}</Badge>;
}
