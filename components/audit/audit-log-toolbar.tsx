"use client";

import { ParamSelect, filterOptions } from "@/components/ui/filter-controls";
import { AUDIT_CATEGORY_LABELS } from "@/lib/audit/describe-audit-event";
import { EventLogToolbar } from "./event-log-toolbar";

const CATEGORY_OPTIONS = filterOptions(AUDIT_CATEGORY_LABELS);

/** The log's filters live in the URL, so a filtered log can be shared, reloaded and exported as it is. */
export function AuditLogToolbar({ actors }: { actors: string[] }) {
  return (
    <EventLogToolbar search={{ label: "Search the audit log", placeholder: "Search by name, e-mail or event" }} who={{ param: "actor", people: actors }}>
      {(filters) => (
        <ParamSelect param="category" filters={filters} aria-label="What" className="w-full sm:w-48" anyLabel="All events" options={CATEGORY_OPTIONS} />
      )}
    </EventLogToolbar>
  );
}
