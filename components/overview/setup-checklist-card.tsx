import { Check, CircleCheck } from "lucide-react";
import Link from "next/link";
import { Card, CardHeader } from "@/components/ui/card";
import type { SetupStep } from "@/lib/provisioning/log/setup-checklist";

/** The getting-started steps, ticked from what the database holds; one line once all are done. */
export function SetupChecklistCard({ steps, allDone }: { steps: SetupStep[]; allDone: boolean }) {
  if (allDone)
    return (
      <Card className="flex items-center gap-3 px-6 py-4 text-sm" data-testid="setup-all-set">
        <CircleCheck aria-hidden className="size-5 text-emerald-700" />
        <p>
          <span className="font-medium text-zinc-900">All set.</span> <span className="text-zinc-600">Every getting-started step is done.</span>
        </p>
      </Card>
    );
  const done = steps.filter((step) => step.done).length;
  return (
    <Card className="min-w-0">
      <CardHeader title="Getting started" description={`${done} of ${steps.length} steps done. Each step ticks itself once Roster sees it done.`} />
      <ol className="divide-y divide-zinc-100 text-sm" aria-label="Getting started steps">
        {steps.map((step, index) => (
          <li key={step.key} className="flex items-center gap-4 px-6 py-3" data-done={step.done}>
            {step.done ? (
              <span className="flex size-7 shrink-0 items-center justify-center rounded-full bg-emerald-50 text-emerald-700">
                <Check aria-hidden className="size-4" />
              </span>
            ) : (
              <span className="flex size-7 shrink-0 items-center justify-center rounded-full bg-brand-50 text-xs font-semibold text-brand-700">
                {index + 1}
              </span>
            )}
            <div className="min-w-0 flex-1">
              <p className={step.done ? "font-medium text-zinc-500" : "font-medium text-zinc-900"}>{step.title}</p>
              {step.done ? null : <p className="text-zinc-500">{step.body}</p>}
            </div>
            {step.done ? (
              <span className="text-sm font-medium text-emerald-700">Done</span>
            ) : (
              <Link href={step.href} className="shrink-0 text-sm font-medium text-brand-700 hover:underline">
                Open<span className="sr-only">: {step.title}</span>
              </Link>
            )}
          </li>
        ))}
      </ol>
    </Card>
  );
}
