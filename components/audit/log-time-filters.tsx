"use client";

import { DateRangeFields, ParamSelect, filterOptions } from "@/components/ui/filter-controls";
import type { useUrlFilters } from "@/components/ui/use-url-filters";
import { AUDIT_RANGES } from "@/lib/audit/schemas";

const RANGE_OPTIONS = filterOptions(AUDIT_RANGES);

/** When, in the audit and sign-in logs' toolbars: a preset counted back from now, or From and To dates; each clears the other. */
export function LogTimeFilters({ filters }: { filters: Pick<ReturnType<typeof useUrlFilters>, "params" | "update"> }) {
  const { params, update } = filters;
  return (
    <>
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
    </>
  );
}
