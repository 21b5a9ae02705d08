"use client";

import { FilterSelect } from "@/components/ui/filter-controls";
import { SearchField } from "@/components/ui/search-field";
import { useUrlFilters } from "@/components/ui/use-url-filters";

/** Search and filters live in the URL, so a filtered list can be shared and survives a reload. */
export function UsersToolbar({ departments }: { departments: string[] }) {
  const { params, pending, update, q, setQ } = useUrlFilters();

  return (
    <div className="flex flex-wrap items-center gap-3 border-b border-zinc-100 px-4 py-3" aria-busy={pending}>
      <SearchField value={q} onChange={setQ} label="Search people by name or e-mail" placeholder="Search by name or e-mail" className="min-w-64" />
      <FilterSelect
        aria-label="Status"
        className="w-40"
        value={params.get("status") ?? ""}
        onChange={(event) => update({ status: event.target.value || null })}
      >
        <option value="">All statuses</option>
        <option value="ACTIVE">Active</option>
        <option value="INACTIVE">Deactivated</option>
      </FilterSelect>
      <FilterSelect
        aria-label="Department"
        className="w-48"
        value={params.get("department") ?? ""}
        onChange={(event) => update({ department: event.target.value || null })}
      >
        <option value="">All departments</option>
        {departments.map((department) => (
          <option key={department} value={department}>
            {department}
          </option>
        ))}
      </FilterSelect>
    </div>
  );
}
