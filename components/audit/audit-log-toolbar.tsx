"use client";

import { Download } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Input, Select } from "@/components/ui/input";
import { SearchField } from "@/components/ui/search-field";
import { useUrlFilters } from "@/components/ui/use-url-filters";
import { AUDIT_CATEGORY_LABELS } from "@/lib/audit/describe-audit-event";
import { AUDIT_RANGES } from "@/lib/audit/schemas";

/** The log's filters live in the URL, so a filtered log can be shared, reloaded and exported as it is. */
export function AuditLogToolbar({ actors }: { actors: string[] }) {
  const { params, pathname, pending, update, q, setQ } = useUrlFilters();
  const actor = params.get("actor") ?? "";
  const exportQuery = new URLSearchParams(params);
  exportQuery.delete("after");

  return (
    <div className="flex flex-wrap items-center gap-3 border-b border-zinc-100 px-4 py-3" aria-busy={pending}>
      <SearchField value={q} onChange={setQ} label="Search the audit log" placeholder="Search by name, e-mail or event" className="min-w-56" />
      <Select aria-label="Who" className="w-full sm:w-64" value={actor} onChange={(event) => update({ actor: event.target.value || null })}>
        <option value="">Anyone</option>
        {(actor && !actors.includes(actor) ? [actor, ...actors] : actors).map((label) => (
          <option key={label} value={label}>
            {label}
          </option>
        ))}
      </Select>
      <Select
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
      </Select>
      <Select
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
      </Select>
      <div className="flex w-full items-center gap-1.5 text-sm text-zinc-500 sm:w-auto">
        <Input
          type="date"
          aria-label="From (UTC)"
          className="min-w-0 flex-1 sm:w-36 sm:flex-none"
          value={params.get("from") ?? ""}
          onChange={(event) => update({ from: event.target.value || null, range: null })}
        />
        <span aria-hidden>–</span>
        <Input
          type="date"
          aria-label="To (UTC)"
          className="min-w-0 flex-1 sm:w-36 sm:flex-none"
          value={params.get("to") ?? ""}
          onChange={(event) => update({ to: event.target.value || null, range: null })}
        />
      </div>
      <Button variant="secondary" className="ml-auto" asChild>
        <a href={`${pathname}/export?${exportQuery.toString()}`} download>
          <Download aria-hidden className="size-4" />
          Export CSV
        </a>
      </Button>
    </div>
  );
}
