"use client";

import { DateRangeFields, ExportCsvButton, FilterSelect } from "@/components/ui/filter-controls";
import { SearchField } from "@/components/ui/search-field";
import { useUrlFilters } from "@/components/ui/use-url-filters";
import { AUDIT_RANGES } from "@/lib/audit/schemas";
import { SIGN_IN_OUTCOME_LABELS } from "@/lib/audit/schemas";

/** The sign-in log's filters live in the URL, like the audit log's, so the export matches what is shown. */
export function SignInLogToolbar({ people, apps }: { people: string[]; apps: { id: string; name: string }[] }) {
  const { params, pathname, pending, update, q, setQ } = useUrlFilters();
  const who = params.get("who") ?? "";

  return (
    <div className="flex flex-wrap items-center gap-3 border-b border-zinc-100 px-4 py-3" aria-busy={pending}>
      <SearchField value={q} onChange={setQ} label="Search the sign-in log" placeholder="Search by e-mail, app or address" className="min-w-56" />
      <FilterSelect aria-label="Who" className="w-full sm:w-64" value={who} onChange={(event) => update({ who: event.target.value || null })}>
        <option value="">Anyone</option>
        {(who && !people.includes(who) ? [who, ...people] : people).map((label) => (
          <option key={label} value={label}>
            {label}
          </option>
        ))}
      </FilterSelect>
      <FilterSelect
        aria-label="Outcome"
        className="w-full sm:w-40"
        value={params.get("outcome") ?? ""}
        onChange={(event) => update({ outcome: event.target.value || null })}
      >
        <option value="">Any outcome</option>
        {Object.entries(SIGN_IN_OUTCOME_LABELS).map(([value, label]) => (
          <option key={value} value={value}>
            {label}
          </option>
        ))}
      </FilterSelect>
      <FilterSelect
        aria-label="Signed in to"
        className="w-full sm:w-56"
        value={params.get("app") ?? ""}
        onChange={(event) => update({ app: event.target.value || null })}
      >
        <option value="">Roster and every app</option>
        <option value="roster">Roster</option>
        {apps.map((app) => (
          <option key={app.id} value={app.id}>
            {app.name}
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
