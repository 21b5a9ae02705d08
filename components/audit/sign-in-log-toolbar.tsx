"use client";

import { LogTimeFilters } from "@/components/audit/log-time-filters";
import { ExportCsvButton, FilterBar, ParamSelect, filterOptions } from "@/components/ui/filter-controls";
import { SearchField } from "@/components/ui/search-field";
import { useUrlFilters } from "@/components/ui/use-url-filters";
import { SIGN_IN_OUTCOME_LABELS } from "@/lib/audit/schemas";

const OUTCOME_OPTIONS = filterOptions(SIGN_IN_OUTCOME_LABELS);

/** The sign-in log's filters live in the URL, like the audit log's, so the export matches what is shown. */
export function SignInLogToolbar({ people, apps }: { people: string[]; apps: { id: string; name: string }[] }) {
  const filters = useUrlFilters();
  const { params, pathname, pending, q, setQ } = filters;

  return (
    <FilterBar pending={pending}>
      <SearchField value={q} onChange={setQ} label="Search the sign-in log" placeholder="Search by e-mail, app or address" className="min-w-56" />
      <ParamSelect
        param="who"
        filters={filters}
        aria-label="Who"
        className="w-full sm:w-64"
        anyLabel="Anyone"
        options={people.map((label) => ({ value: label, label }))}
        keepUnlisted
      />
      <ParamSelect param="outcome" filters={filters} aria-label="Outcome" className="w-full sm:w-40" anyLabel="Any outcome" options={OUTCOME_OPTIONS} />
      <ParamSelect
        param="app"
        filters={filters}
        aria-label="Signed in to"
        className="w-full sm:w-56"
        anyLabel="Roster and every app"
        options={[{ value: "roster", label: "Roster" }, ...apps.map((app) => ({ value: app.id, label: app.name }))]}
      />
      <LogTimeFilters filters={filters} />
      <ExportCsvButton pathname={pathname} params={params} />
    </FilterBar>
  );
}
