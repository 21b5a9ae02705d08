import { cn } from "@/components/ui/class-names";
import type { PeopleImport } from "@/lib/directory/csv/get-people-import";

interface Count {
  label: string;
  value: number;
  detail: string;
  tone: "neutral" | "success" | "warning" | "danger";
}

const TONES = {
  neutral: "text-zinc-900",
  success: "text-emerald-700",
  warning: "text-amber-700",
  danger: "text-red-700",
} as const;

/** What an import will do (before it runs) or did (after), in four numbers. */
export function ImportCounts({ job }: { job: PeopleImport }) {
  const completed = job.status === "COMPLETED";
  const counts: Count[] = [
    { label: "Rows in file", value: job.totalRows, detail: "Blank lines are not counted", tone: "neutral" },
    completed
      ? { label: "Imported", value: job.imported, detail: "Added to the directory", tone: "success" }
      : { label: "Ready to import", value: job.toImport, detail: "Valid and new to the directory", tone: "success" },
    {
      label: completed ? "Skipped" : "Already in directory",
      value: job.skipRows,
      detail: completed ? "Already in the directory" : "Will be skipped, not updated",
      tone: job.skipRows ? "warning" : "neutral",
    },
    {
      label: "With errors",
      value: job.errorRows,
      detail: completed ? "Not imported; fix and upload again" : "Will not be imported",
      tone: job.errorRows ? "danger" : "neutral",
    },
  ];
  return (
    <dl className="grid divide-y divide-zinc-100 sm:grid-cols-4 sm:divide-x sm:divide-y-0">
      {counts.map((count) => (
        <div key={count.label} className="px-6 py-5">
          <dt className="text-sm font-medium text-zinc-500">{count.label}</dt>
          <dd className={cn("mt-1 text-3xl font-semibold tracking-tight tabular-nums", TONES[count.tone])}>{count.value.toLocaleString("en-US")}</dd>
          <dd className="mt-1 text-xs text-zinc-500">{count.detail}</dd>
        </div>
      ))}
    </dl>
  );
}
