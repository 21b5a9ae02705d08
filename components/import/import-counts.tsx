import { cn } from "@/components/ui/class-names";

interface Count {
  label: string;
  value: number;
  detail: string;
  tone?: "neutral" | "success" | "warning" | "danger";
}

const TONES = {
  neutral: "text-zinc-900",
  success: "text-emerald-700",
  warning: "text-amber-700",
  danger: "text-red-700",
} as const;

/** A row of numbers about an import, each with a line saying what it means. */
export function ImportCounts({ counts }: { counts: Count[] }) {
  return (
    <dl className="grid divide-y divide-zinc-100 sm:grid-cols-4 sm:divide-x sm:divide-y-0">
      {counts.map((count) => (
        <div key={count.label} className="px-6 py-5">
          <dt className="text-sm font-medium text-zinc-500">{count.label}</dt>
          <dd className={cn("mt-1 text-3xl font-semibold tracking-tight tabular-nums", TONES[count.tone ?? "neutral"])}>{count.value.toLocaleString("en-US")}</dd>
          <dd className="mt-1 text-xs text-zinc-500">{count.detail}</dd>
        </div>
      ))}
    </dl>
  );
}
