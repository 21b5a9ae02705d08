"use client";

import type { ReactNode } from "react";
import { DateRangeFields, ExportCsvButton, FilterBar, ParamSelect, filterOptions } from "@/components/ui/filter-controls";
import { SearchField } from "@/components/ui/search-field";
import { useUrlFilters } from "@/components/ui/use-url-filters";
import { AUDIT_RANGES } from "@/lib/audit/schemas";

const RANGE_OPTIONS = filterOptions(AUDIT_RANGES);

interface Props {
  search: { label: string; placeholder: string };
  /** Who: the URL parameter, and the people in the log to choose from. */
  who: { param: string; people: string[] };
  /** The log's own selects, between Who and When. */
  children: (filters: ReturnType<typeof useUrlFilters>) => ReactNode;
}

/**
 * The audit and sign-in logs' filters: search, Who, the log's own selects, When (a preset counted back from now, or
 * From and To dates; each clears the other) and the CSV export. They live in the URL, so a filtered log can be
 * shared, reloaded and exported as it is.
 */
export function EventLogToolbar({ search, who, children }: Props) {
  const filters = useUrlFilters();
  const { params, pathname, pending, update, q, setQ } = filters;

  return (
    <FilterBar pending={pending}>
      <SearchField value={q} onChange={setQ} label={search.label} placeholder={search.placeholder} className="min-w-56" />
      <ParamSelect
        param={who.param}
        filters={filters}
        aria-label="Who"
        className="w-full sm:w-64"
        anyLabel="Anyone"
        options={who.people.map((label) => ({ value: label, label }))}
        keepUnlisted
      />
      {children(filters)}
      <ParamSelect
        param="range"
        filters={filters}
        aria-label="When"
        className="w-full sm:w-40"
        anyLabel={params.get("from") || params.get("to") ? "Between dates" : "Any time"}
        options={RANGE_OPTIONS}
        alsoChange={{ from: null, to: null }}
      />
      <DateRangeFields fill from={params.get("from") ?? ""} to={params.get("to") ?? ""} onChange={(change) => update({ ...change, range: null })} />
      <ExportCsvButton pathname={pathname} params={params} />
    </FilterBar>
  );
}
