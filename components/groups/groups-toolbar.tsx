"use client";

import { FilterBar } from "@/components/ui/filter-controls";
import { SearchField } from "@/components/ui/search-field";
import { useUrlFilters } from "@/components/ui/use-url-filters";

/** A search box whose text lives in the URL (`q`), so a search can be shared and survives a reload. */
export function UrlSearchToolbar({ label, placeholder }: { label: string; placeholder: string }) {
  const { pending, q, setQ } = useUrlFilters();
  return (
    <FilterBar pending={pending}>
      <SearchField value={q} onChange={setQ} label={label} placeholder={placeholder} className="min-w-56" />
    </FilterBar>
  );
}
