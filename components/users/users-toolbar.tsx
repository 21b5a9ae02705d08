"use client";

import { FilterBar, ParamSelect } from "@/components/ui/filter-controls";
import { SearchField } from "@/components/ui/search-field";
import { useUrlFilters } from "@/components/ui/use-url-filters";

const STATUS_OPTIONS = [
  { value: "ACTIVE", label: "Active" },
  { value: "INACTIVE", label: "Deactivated" },
];

/** Search and filters live in the URL, so a filtered list can be shared and survives a reload. */
export function UsersToolbar({ departments }: { departments: string[] }) {
  const filters = useUrlFilters();
  const { pending, q, setQ } = filters;

  return (
    <FilterBar pending={pending}>
      <SearchField value={q} onChange={setQ} label="Search people by name or e-mail" placeholder="Search by name or e-mail" className="min-w-64" />
      <ParamSelect param="status" filters={filters} aria-label="Status" className="w-40" anyLabel="All statuses" options={STATUS_OPTIONS} />
      <ParamSelect
        param="department"
        filters={filters}
        aria-label="Department"
        className="w-48"
        anyLabel="All departments"
        options={departments.map((department) => ({ value: department, label: department }))}
      />
    </FilterBar>
  );
}
