import { Badge } from "@/components/ui/badge";
import { Td } from "@/components/ui/table";
import { TimedEventList } from "./timed-event-list";

export interface SignInRow {
  id: string;
  createdAt: Date;
  userLabel: string;
  /** The app signed in to; null for Roster itself. */
  appLabel: string | null;
  outcome: "SUCCEEDED" | "FAILED";
  reason: string;
  method: string | null;
  ip: string | null;
}

function Outcome({ row }: { row: SignInRow }) {
  return row.outcome === "SUCCEEDED" ? <Badge tone="success">Succeeded</Badge> : <Badge tone="danger">Failed</Badge>;
}

/** Sign-ins as a table on wide screens and as cards on a phone. */
export function SignInLogTable({ events }: { events: SignInRow[] }) {
  return (
    <TimedEventList
      rows={events}
      headings={["Who", "Signed in to", "Outcome", "From"]}
      cells={(row) => (
        <>
          <Td className="font-medium break-all text-zinc-900">{row.userLabel}</Td>
          <Td>{row.appLabel ?? "Roster"}</Td>
          <Td>
            <Outcome row={row} />
            {row.reason ? <div className="mt-0.5 text-xs text-zinc-600">{row.reason}</div> : null}
            {row.method ? <div className="mt-0.5 text-xs text-zinc-600">With {row.method}</div> : null}
          </Td>
          <Td className="text-zinc-600 tabular-nums">{row.ip ?? "Unknown"}</Td>
        </>
      )}
      card={(row) => (
        <>
          <div className="break-all text-zinc-900">
            {row.userLabel} to {row.appLabel ?? "Roster"}
          </div>
          <div className="flex flex-wrap items-center gap-2 text-xs text-zinc-600">
            <Outcome row={row} />
            {row.reason}
            {row.ip ? <span>from {row.ip}</span> : null}
          </div>
        </>
      )}
    />
  );
}
