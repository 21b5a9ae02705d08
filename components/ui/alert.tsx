import { AlertCircle, CheckCircle2, Info } from "lucide-react";
import type { ReactNode } from "react";
import { cn } from "./class-names";

const TONES = {
  error: { box: "bg-red-50 text-red-800 ring-red-200", Icon: AlertCircle },
  success: { box: "bg-emerald-50 text-emerald-800 ring-emerald-200", Icon: CheckCircle2 },
  info: { box: "bg-brand-50 text-brand-700 ring-brand-100", Icon: Info },
} as const;

export function Alert({ tone = "info", children }: { tone?: keyof typeof TONES; children: ReactNode }) {
  const { box, Icon } = TONES[tone];
  return (
    <div role={tone === "error" ? "alert" : "status"} className={cn("flex gap-2.5 rounded-lg px-3.5 py-3 text-sm ring-1 ring-inset", box)}>
      <Icon aria-hidden className="mt-0.5 size-4 shrink-0" />
      <div>{children}</div>
    </div>
  );
}
