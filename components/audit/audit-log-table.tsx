import { Badge } from "@/components/ui/badge";
import { Table, Td, Th } from "@/components/ui/table";
import { describeAuditAction, describeAuditField, formatAuditValue } from "./audit-event-description";

export interface AuditRow {
  id: string;
  createdAt: Date;
  actorLabel: string;
  action: string;
  targetType: string;
  targetLabel: string | null;
  changes: unknown;
  ip: string | null;
}

const TIME = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "medium", timeZone: "UTC" });

export function AuditLogTable({ events }: { events: AuditRow[] }) {
  return (
    <Table>
      <thead>
        <tr>
          <Th>Time (UTC)</Th>
          <Th>Who</Th>
          <Th>What</Th>
          <Th>Changes</Th>
        </tr>
      </thead>
      <tbody className="divide-y divide-zinc-100">
        {events.map((event) => (
          <tr key={event.id}>
            <Td className="whitespace-nowrap text-zinc-500 tabular-nums">{TIME.format(event.createdAt)}</Td>
            <Td>
              <div className="font-medium text-zinc-900">{event.actorLabel}</div>
              {event.ip ? <div className="text-xs text-zinc-500">{event.ip}</div> : null}
            </Td>
            <Td>
              <div className="text-zinc-900">{describeAuditAction(event.action)}</div>
              <div className="mt-0.5 flex items-center gap-1.5 text-xs text-zinc-500">
                <Badge>{event.targetType}</Badge>
                {event.targetLabel}
              </div>
            </Td>
            <Td>
              <ChangeList changes={event.changes} />
            </Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}

function ChangeList({ changes }: { changes: unknown }) {
  if (!changes || typeof changes !== "object") return <span className="text-zinc-500">—</span>;
  const entries = Object.entries(changes as Record<string, { from?: unknown; to?: unknown }>);
  return (
    <ul className="space-y-0.5">
      {entries.map(([field, change]) => (
        <li key={field} className="text-xs">
          <span className="font-medium text-zinc-700">{describeAuditField(field)}</span>:{" "}
          <span className="text-zinc-500 line-through decoration-zinc-300">{formatAuditValue(change?.from)}</span>
          {" → "}
          <span className="text-zinc-900">{formatAuditValue(change?.to)}</span>
        </li>
      ))}
    </ul>
  );
}
