interface ImportProgressBarProps {
  total: number;
  imported: number;
  skipped: number;
}

/** How far an import has got: a bar for screen readers and eyes, and the numbers in words. */
export function ImportProgressBar({ total, imported, skipped }: ImportProgressBarProps) {
  const processed = imported + skipped;
  const percent = total === 0 ? 100 : Math.round((processed / total) * 100);
  const label = `Imported ${imported.toLocaleString("en-US")} of ${total.toLocaleString("en-US")}`;
  return (
    <div className="space-y-2">
      <div className="flex items-baseline justify-between text-sm">
        <p role="status" className="font-medium text-zinc-900">
          {label}
          {skipped > 0 ? <span className="font-normal text-zinc-500"> · {skipped.toLocaleString("en-US")} skipped</span> : null}
        </p>
        <span className="text-zinc-500 tabular-nums">{percent}%</span>
      </div>
      <div
        role="progressbar"
        aria-label="Import progress"
        aria-valuemin={0}
        aria-valuemax={total}
        aria-valuenow={processed}
        aria-valuetext={label}
        className="h-2.5 overflow-hidden rounded-full bg-zinc-100"
      >
        <div className="h-full rounded-full bg-brand-600 transition-[width] duration-300" style={{ width: `${percent}%` }} />
      </div>
    </div>
  );
}
