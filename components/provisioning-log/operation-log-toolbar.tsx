"use client";

import { DateRangeFields, ExportCsvButton, FilterSelect } from "@/components/ui/filter-controls";
import { SearchField } from "@/components/ui/search-field";
import { useUrlFilters } from "@/components/ui/use-url-filters";

interface Option {
  value: string;
  label: string;
}

interface Props {
  kinds: Option[];
  statuses: Option[];
  /** The organization's apps, for the global log's app filter; leave out on an app's own Log tab. */
  apps?: { id: string; name: string }[];
}

/** The log's filters live in the URL, so a filtered log can be shared, reloaded and exported as it is. */
export function OperationLogToolbar({ kinds, statuses, apps }: Props) {
  const { params, pathname, pending, update, q, setQ } = useUrlFilters();

  return (
    <div className="flex flex-wrap items-center gap-3 border-b border-zinc-100 px-4 py-3" aria-busy={pending}>
      <SearchField value={q} onChange={setQ} label="Search by person" placeholder="Search by name or e-mail" className="min-w-48" />
      {apps ? (
        <FilterSelect aria-label="App" className="w-40" value={params.get("app") ?? ""} onChange={(event) => update({ app: event.target.value || null })}>
          <option value="">All apps</option>
          {apps.map((app) => (
            <option key={app.id} value={app.id}>
              {app.name}
            </option>
          ))}
        </FilterSelect>
      ) : null}
      <FilterSelect aria-label="Operation" className="w-38" value={params.get("kind") ?? ""} onChange={(event) => update({ kind: event.target.value || null })}>
        <option value="">All operations</option>
        {kinds.map((kind) => (
          <option key={kind.value} value={kind.value}>
            {kind.label}
          </option>
        ))}
      </FilterSelect>
      <FilterSelect
        aria-label="Status"
        className="w-36"
        value={params.get("status") ?? ""}
        onChange={(event) => update({ status: event.target.value || null })}
      >
        <option value="">All statuses</option>
        {statuses.map((status) => (
          <option key={status.value} value={status.value}>
            {status.label}
          </option>
        ))}
      </FilterSelect>
      <DateRangeFields from={params.get("from") ?? ""} to={params.get("to") ?? ""} onChange={update} />
      <ExportCsvButton pathname={pathname} params={params} />
    </div>
  );
}
