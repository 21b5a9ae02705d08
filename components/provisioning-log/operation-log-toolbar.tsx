"use client";

import { DateRangeFields, ExportCsvButton, FilterBar, ParamSelect, type FilterOption } from "@/components/ui/filter-controls";
import { SearchField } from "@/components/ui/search-field";
import { useUrlFilters } from "@/components/ui/use-url-filters";

interface Props {
  kinds: FilterOption[];
  statuses: FilterOption[];
  /** The organization's apps, for the global log's app filter; leave out on an app's own Log tab. */
  apps?: { id: string; name: string }[];
}

/** The log's filters live in the URL, so a filtered log can be shared, reloaded and exported as it is. */
export function OperationLogToolbar({ kinds, statuses, apps }: Props) {
  const filters = useUrlFilters();
  const { params, pathname, pending, update, q, setQ } = filters;

  return (
    <FilterBar pending={pending}>
      <SearchField value={q} onChange={setQ} label="Search by person" placeholder="Search by name or e-mail" className="min-w-48" />
      {apps ? (
        <ParamSelect
          param="app"
          filters={filters}
          aria-label="App"
          className="w-40"
          anyLabel="All apps"
          options={apps.map((app) => ({ value: app.id, label: app.name }))}
        />
      ) : null}
      <ParamSelect param="kind" filters={filters} aria-label="Operation" className="w-38" anyLabel="All operations" options={kinds} />
      <ParamSelect param="status" filters={filters} aria-label="Status" className="w-36" anyLabel="All statuses" options={statuses} />
      <DateRangeFields from={params.get("from") ?? ""} to={params.get("to") ?? ""} onChange={update} />
      <ExportCsvButton pathname={pathname} params={params} />
    </FilterBar>
  );
}
