import { Badge } from "@/components/ui/badge";
import { Table, Td, Th } from "@/components/ui/table";

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

const TIME = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "medium", timeZone: "UTC" });

function Outcome({ row }: { row: SignInRow }) {
  return row.outcome === "SUCCEEDED" ? <Badge tone="success">Succeeded</Badge> : <Badge tone="danger">Failed</Badge>;
}

/** Sign-ins as a table on wide screens and as cards on a phone. */
export function SignInLogTable({ events }: { events: SignInRow[] }) {
  return (
    <>
      <div className="hidden md:block">
        <Table>
          <thead>
            <tr>
              <Th>Time (UTC)</Th>
              <Th>Who</Th>
              <Th>Signed in to</Th>
              <Th>Outcome</Th>
              <Th>From</Th>
            </tr>
          </thead>
          <tbody className="divide-y divide-zinc-100">
            {events.map((row) => (
              <tr key={row.id}>
                <Td className="whitespace-nowrap text-zinc-500 tabular-nums">{TIME.format(row.createdAt)}</Td>
                <Td className="font-medium break-all text-zinc-900">{row.userLabel}</Td>
                <Td>{row.appLabel ?? "Roster"}</Td>
                <Td>
                  <Outcome row={row} />
                  {row.reason ? <div className="mt-0.5 text-xs text-zinc-600">{row.reason}</div> : null}
                  {row.method ? <div className="mt-0.5 text-xs text-zinc-600">With {row.method}</div> : null}
                </Td>
                <Td className="text-zinc-600 tabular-nums">{row.ip ?? "Unknown"}</Td>
              </tr>
            ))}
          </tbody>
        </Table>
      </div>
      <ul className="divide-y divide-zinc-100 md:hidden">
        {events.map((row) => (
          <li key={row.id} className="space-y-1 px-4 py-3 text-sm">
            <div className="text-xs text-zinc-500 tabular-nums">{TIME.format(row.createdAt)} UTC</div>
            <div className="break-all text-zinc-900">
              {row.userLabel} to {row.appLabel ?? "Roster"}
            </div>
            <div className="flex flex-wrap items-center gap-2 text-xs text-zinc-600">
              <Outcome row={row} />
              {row.reason}
              {row.ip ? <span>from {row.ip}</span> : null}
            </div>
          </li>
        ))}
      </ul>
    </>
  );
}
