"use client";

import { Download } from "lucide-react";
import type { ReactNode, SelectHTMLAttributes } from "react";
import { Button } from "./button";
import { cn } from "./class-names";
import { Input, Select } from "./input";
import type { UrlChanges } from "./url-changes";
import { useHydrated } from "./use-hydrated";
import type { useUrlFilters } from "./use-url-filters";

/**
 * A list filter's select. Disabled until the page has hydrated, like the search box: a choice made before then
 * would change the box but not the list.
 */
export function FilterSelect({ disabled, ...props }: SelectHTMLAttributes<HTMLSelectElement>) {
  const hydrated = useHydrated();
  return <Select disabled={!hydrated || disabled} {...props} />;
}

/** The row above a list that holds its search and filters; busy while a change to them loads. */
export function FilterBar({ pending, children }: { pending: boolean; children: ReactNode }) {
  return (
    <div className="flex flex-wrap items-center gap-3 border-b border-zinc-100 px-4 py-3" aria-busy={pending}>
      {children}
    </div>
  );
}

export interface FilterOption {
  value: string;
  label: string;
}

/** A table of labels by value (`{ FAILED: "Failed" }`) as a select's options, in the table's order. */
export function filterOptions(labels: Readonly<Record<string, string>>): FilterOption[] {
  return Object.entries(labels).map(([value, label]) => ({ value, label }));
}

interface ParamSelectProps extends Omit<SelectHTMLAttributes<HTMLSelectElement>, "value" | "onChange" | "children"> {
  /** The URL parameter the select shows and sets. */
  param: string;
  /** From `useUrlFilters()` of the toolbar. */
  filters: Pick<ReturnType<typeof useUrlFilters>, "params" | "update">;
  /** The first option's words; choosing it removes the parameter. */
  anyLabel: string;
  options: readonly FilterOption[];
  /** Lists the parameter's value first when it is none of `options` (a person no longer in the log), so the select shows it. */
  keepUnlisted?: boolean;
  /** Other parameters to change along with this one (a preset range clears the dates). */
  alsoChange?: UrlChanges;
}

/** A list filter's select bound to one URL parameter. */
export function ParamSelect({ param, filters: { params, update }, anyLabel, options, keepUnlisted = false, alsoChange, ...props }: ParamSelectProps) {
  const value = params.get(param) ?? "";
  const shown = keepUnlisted && value && !options.some((option) => option.value === value) ? [{ value, label: value }, ...options] : options;
  return (
    <FilterSelect {...props} value={value} onChange={(event) => update({ [param]: event.target.value || null, ...alsoChange })}>
      <option value="">{anyLabel}</option>
      {shown.map((option) => (
        <option key={option.value} value={option.value}>
          {option.label}
        </option>
      ))}
    </FilterSelect>
  );
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
