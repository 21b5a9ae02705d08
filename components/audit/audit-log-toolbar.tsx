"use client";

import { DateRangeFields, ExportCsvButton, FilterSelect } from "@/components/ui/filter-controls";
import { SearchField } from "@/components/ui/search-field";
import { useUrlFilters } from "@/components/ui/use-url-filters";
import { AUDIT_CATEGORY_LABELS } from "@/lib/audit/describe-audit-event";
import { AUDIT_RANGES } from "@/lib/audit/schemas";

/** The log's filters live in the URL, so a filtered log can be shared, reloaded and exported as it is. */
export function AuditLogToolbar({ actors }: { actors: string[] }) {
  const { params, pathname, pending, update, q, setQ } = useUrlFilters();
  const actor = params.get("actor") ?? "";

  return (
    <div className="flex flex-wrap items-center gap-3 border-b border-zinc-100 px-4 py-3" aria-busy={pending}>
      <SearchField value={q} onChange={setQ} label="Search the audit log" placeholder="Search by name, e-mail or event" className="min-w-56" />
      <FilterSelect aria-label="Who" className="w-full sm:w-64" value={actor} onChange={(event) => update({ actor: event.target.value || null })}>
        <option value="">Anyone</option>
        {(actor && !actors.includes(actor) ? [actor, ...actors] : actors).map((label) => (
          <option key={label} value={label}>
            {label}
          </option>
        ))}
      </FilterSelect>
      <FilterSelect
        aria-label="What"
        className="w-full sm:w-48"
        value={params.get("category") ?? ""}
        onChange={(event) => update({ category: event.target.value || null })}
      >
        <option value="">All events</option>
        {Object.entries(AUDIT_CATEGORY_LABELS).map(([value, label]) => (
          <option key={value} value={value}>
            {label}
          </option>
        ))}
      </FilterSelect>
      <FilterSelect
        aria-label="When"
        className="w-full sm:w-40"
        value={params.get("range") ?? ""}
        onChange={(event) => update({ range: event.target.value || null, from: null, to: null })}
      >
        <option value="">{params.get("from") || params.get("to") ? "Between dates" : "Any time"}</option>
        {Object.entries(AUDIT_RANGES).map(([value, label]) => (
          <option key={value} value={value}>
            {label}
          </option>
        ))}
      </FilterSelect>
      <DateRangeFields fill from={params.get("from") ?? ""} to={params.get("to") ?? ""} onChange={(change) => update({ ...change, range: null })} />
      <ExportCsvButton pathname={pathname} params={params} />
    </div>
  );
}
