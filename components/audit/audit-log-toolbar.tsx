"use client";

import { LogTimeFilters } from "@/components/audit/log-time-filters";
import { ExportCsvButton, FilterBar, ParamSelect, filterOptions } from "@/components/ui/filter-controls";
import { SearchField } from "@/components/ui/search-field";
import { useUrlFilters } from "@/components/ui/use-url-filters";
import { AUDIT_CATEGORY_LABELS } from "@/lib/audit/describe-audit-event";

const CATEGORY_OPTIONS = filterOptions(AUDIT_CATEGORY_LABELS);

/** The log's filters live in the URL, so a filtered log can be shared, reloaded and exported as it is. */
export function AuditLogToolbar({ actors }: { actors: string[] }) {
  const filters = useUrlFilters();
  const { params, pathname, pending, q, setQ } = filters;

  return (
    <FilterBar pending={pending}>
      <SearchField value={q} onChange={setQ} label="Search the audit log" placeholder="Search by name, e-mail or event" className="min-w-56" />
      <ParamSelect
        param="actor"
        filters={filters}
        aria-label="Who"
        className="w-full sm:w-64"
        anyLabel="Anyone"
        options={actors.map((label) => ({ value: label, label }))}
        keepUnlisted
      />
      <ParamSelect param="category" filters={filters} aria-label="What" className="w-full sm:w-48" anyLabel="All events" options={CATEGORY_OPTIONS} />
      <LogTimeFilters filters={filters} />
      <ExportCsvButton pathname={pathname} params={params} />
    </FilterBar>
  );
}
