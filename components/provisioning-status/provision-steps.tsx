import { CheckCircle2, CircleMinus, Info, XCircle } from "lucide-react";
import { Skeleton } from "@/components/ui/skeleton";
import { cn } from "@/components/ui/class-names";
import type { ProvisionNowResult } from "@/lib/provisioning/sync/provision-now";

const ICONS = {
  ok: { Icon: CheckCircle2, className: "text-emerald-600" },
  info: { Icon: Info, className: "text-brand-600" },
  skipped: { Icon: CircleMinus, className: "text-amber-600" },
  failed: { Icon: XCircle, className: "text-red-600" },
} as const;

const STEP_NAMES: Record<string, string> = { Sent: "Operation sent?", App: "App" };

function outcomeOf(result: ProvisionNowResult): { outcome: keyof typeof ICONS; detail: string } {
  const seconds = result.durationMs < 1000 ? `${result.durationMs} ms` : `${(result.durationMs / 1000).toFixed(1)} s`;
  if (result.steps.some((step) => step.outcome === "failed")) {
    return {
      outcome: "failed",
      detail: result.retrying
        ? `Failed after ${seconds}; Roster will try again on its own.`
        : `Failed after ${seconds}. Fix the cause, then click Provision now again.`,
    };
  }
  if (result.changed) return { outcome: "ok", detail: `Done in ${seconds}: the app now matches the directory.` };
  return { outcome: result.steps.some((step) => step.outcome === "skipped") ? "skipped" : "ok", detail: `Done in ${seconds}: nothing was changed.` };
}

/** What "Provision now" looked at and did, step by step, with the result last. */
export function ProvisionSteps({ result }: { result: ProvisionNowResult | "running" }) {
  if (result === "running") {
    return (
      <ol aria-busy="true" aria-label="Provisioning steps" className="space-y-2.5">
        {["In scope?", "Matched?", "Operation sent?", "Result"].map((name) => (
          <li key={name} className="flex items-start gap-2.5 text-sm">
            <Skeleton className="mt-0.5 size-4 shrink-0 rounded-full" />
            <div className="flex-1 space-y-1.5">
              <p className="text-xs font-medium text-zinc-500">{name}</p>
              <Skeleton className="h-3 w-4/5" />
            </div>
          </li>
        ))}
      </ol>
    );
  }
  const final = outcomeOf(result);
  const rows = [
    ...result.steps.map((step) => ({ name: STEP_NAMES[step.step] ?? step.step, outcome: step.outcome, detail: step.detail })),
    { name: "Result", ...final },
  ];
  return (
    <ol aria-label="Provisioning steps" className="space-y-2.5">
      {rows.map((row, index) => {
        const { Icon, className } = ICONS[row.outcome];
        return (
          <li key={index} className="flex items-start gap-2.5 text-sm">
            <Icon aria-hidden className={cn("mt-0.5 size-4 shrink-0", className)} />
            <div className="min-w-0">
              <p className={cn("text-xs font-medium", row.name === "Result" ? "text-zinc-900" : "text-zinc-500")}>{row.name}</p>
              <p className={cn("break-words", row.outcome === "failed" ? "text-red-700" : "text-zinc-800")}>{row.detail}</p>
            </div>
          </li>
        );
      })}
    </ol>
  );
}
