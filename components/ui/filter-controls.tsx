"use client";

import { Download } from "lucide-react";
import type { SelectHTMLAttributes } from "react";
import { Button } from "./button";
import { cn } from "./class-names";
import { Input, Select } from "./input";
import { useHydrated } from "./use-hydrated";

/**
 * A list filter's select. Disabled until the page has hydrated, like the search box: a choice made before then
 * would change the box but not the list.
 */
export function FilterSelect({ disabled, ...props }: SelectHTMLAttributes<HTMLSelectElement>) {
  const hydrated = useHydrated();
  return <Select disabled={!hydrated || disabled} {...props} />;
}

interface DateRangeProps {
  from: string;
  to: string;
  onChange: (change: { from?: string | null; to?: string | null }) => void;
  /** Stretches the two fields over the row on phones. */
  fill?: boolean;
}

/** From and To dates (UTC days) of a log's filters. */
export function DateRangeFields({ from, to, onChange, fill = false }: DateRangeProps) {
  const hydrated = useHydrated();
  const field = fill ? "min-w-0 flex-1 sm:w-36 sm:flex-none" : "w-36";
  return (
    <div className={cn("flex items-center gap-1.5 text-sm text-zinc-500", fill && "w-full sm:w-auto")}>
      <Input
        type="date"
        disabled={!hydrated}
        aria-label="From (UTC)"
        className={field}
        value={from}
        onChange={(event) => onChange({ from: event.target.value || null })}
      />
      <span aria-hidden>–</span>
      <Input
        type="date"
        disabled={!hydrated}
        aria-label="To (UTC)"
        className={field}
        value={to}
        onChange={(event) => onChange({ to: event.target.value || null })}
      />
    </div>
  );
}

/** Downloads the list as it is filtered (every page, so without the paging cursor) from `<pathname>/export`. */
export function ExportCsvButton({ pathname, params }: { pathname: string; params: URLSearchParams }) {
  const query = new URLSearchParams(params);
  query.delete("after");
  query.delete("before");
  return (
    <Button variant="secondary" className="ml-auto" asChild>
      <a href={`${pathname}/export?${query.toString()}`} download>
        <Download aria-hidden className="size-4" />
        Export CSV
      </a>
    </Button>
  );
}
