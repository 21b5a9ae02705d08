"use client";

import { ParamSelect, filterOptions } from "@/components/ui/filter-controls";
import { SIGN_IN_OUTCOME_LABELS } from "@/lib/audit/schemas";
import { EventLogToolbar } from "./event-log-toolbar";

const OUTCOME_OPTIONS = filterOptions(SIGN_IN_OUTCOME_LABELS);

/** The sign-in log's filters live in the URL, like the audit log's, so the export matches what is shown. */
export function SignInLogToolbar({ people, apps }: { people: string[]; apps: { id: string; name: string }[] }) {
  return (
    <EventLogToolbar search={{ label: "Search the sign-in log", placeholder: "Search by e-mail, app or address" }} who={{ param: "who", people }}>
      {(filters) => (
        <>
          <ParamSelect param="outcome" filters={filters} aria-label="Outcome" className="w-full sm:w-40" anyLabel="Any outcome" options={OUTCOME_OPTIONS} />
          <ParamSelect
            param="app"
            filters={filters}
            aria-label="Signed in to"
            className="w-full sm:w-56"
            anyLabel="Roster and every app"
            options={[{ value: "roster", label: "Roster" }, ...apps.map((app) => ({ value: app.id, label: app.name }))]}
          />
        </>
      )}
    </EventLogToolbar>
  );
}
