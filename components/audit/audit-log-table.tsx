import { Badge } from "@/components/ui/badge";
import { Table, Td, Th } from "@/components/ui/table";
import { AuditChangeList } from "./audit-change-list";
import { AuditEventSentence } from "./audit-event-sentence";

export interface AuditRow {
  id: string;
  createdAt: Date;
  actorLabel: string;
  action: string;
  targetType: string;
  targetLabel: string | null;
  changes: unknown;
  ip: string | null;
  /** Where the target lives, when it still exists (see `auditTargetHref`). */
  targetHref?: string | null;
}

const TIME = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "medium", timeZone: "UTC" });

/** Events as a table on wide screens and as cards (time, sentence, who) on a phone. */
export function AuditLogTable({ events }: { events: AuditRow[] }) {
  return (
    <>
      <div className="hidden md:block">
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
                  <div className="text-zinc-900">
                    <AuditEventSentence event={event} />
                  </div>
                  <div className="mt-0.5 flex flex-wrap items-center gap-1.5 text-xs text-zinc-500">
                    <Badge>{event.action}</Badge>
                    {event.targetLabel}
                  </div>
                </Td>
                <Td>
                  <AuditChangeList changes={event.changes} />
                </Td>
              </tr>
            ))}
          </tbody>
        </Table>
      </div>
      <ul className="divide-y divide-zinc-100 md:hidden">
        {events.map((event) => (
          <li key={event.id} className="space-y-1 px-4 py-3 text-sm">
            <div className="text-xs text-zinc-500 tabular-nums">{TIME.format(event.createdAt)} UTC</div>
            <div className="break-words text-zinc-900">
              <AuditEventSentence event={event} />
            </div>
            <div className="text-xs break-all text-zinc-500">by {event.actorLabel}</div>
          </li>
        ))}
      </ul>
    </>
  );
}
