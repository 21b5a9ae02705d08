import { Check } from "lucide-react";
import Link from "next/link";
import { cn } from "@/components/ui/class-names";

interface Step {
  key: string;
  label: string;
  done: boolean;
  reachable: boolean;
}

/** Where the admin is in the wizard; done steps can be revisited, later ones open in turn. */
export function WizardStepper({ appId, steps, current }: { appId: string; steps: Step[]; current: string }) {
  const position = steps.findIndex((step) => step.key === current);
  return (
    <>
      {/* On a phone the four boxes would not fit side by side: one line says where the admin is instead. */}
      <p className="mb-4 text-sm font-medium text-zinc-700 sm:hidden">
        Step {position + 1} of {steps.length} · <span className="text-brand-700">{steps[position]?.label}</span>
      </p>
      <ol aria-label="Provisioning steps" className="mb-6 hidden grid-cols-4 gap-2 sm:grid">
        {steps.map((step, index) => {
          const isCurrent = step.key === current;
          const body = (
            <div
              className={cn(
                "flex items-center gap-3 rounded-lg border px-3 py-2.5 text-sm",
                isCurrent ? "border-brand-500 bg-brand-50" : "border-zinc-200 bg-white",
                !step.reachable && "opacity-60",
              )}
            >
              <span
                className={cn(
                  "flex size-6 shrink-0 items-center justify-center rounded-full text-xs font-semibold",
                  step.done ? "bg-emerald-600 text-white" : isCurrent ? "bg-brand-600 text-white" : "bg-zinc-100 text-zinc-600",
                )}
              >
                {step.done ? <Check aria-hidden className="size-3.5" /> : index + 1}
              </span>
              <span className={cn("min-w-0 font-medium", isCurrent ? "text-brand-700" : "text-zinc-700")}>{step.label}</span>
              <span className="sr-only">{step.done ? "(done)" : isCurrent ? "(current step)" : ""}</span>
            </div>
          );
          return (
            <li key={step.key} aria-current={isCurrent ? "step" : undefined}>
              {step.reachable && !isCurrent ? <Link href={`/applications/${appId}/provisioning/${step.key}`}>{body}</Link> : body}
            </li>
          );
        })}
      </ol>
    </>
  );
}
