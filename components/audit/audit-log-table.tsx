import { Badge } from "@/components/ui/badge";
import { Td } from "@/components/ui/table";
import { AuditChangeList } from "./audit-change-list";
import { AuditEventSentence } from "./audit-event-sentence";
import { TimedEventList } from "./timed-event-list";

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

/** Events as a table on wide screens and as cards (time, sentence, who) on a phone. */
export function AuditLogTable({ events }: { events: AuditRow[] }) {
  return (
    <TimedEventList
      rows={events}
      headings={["Who", "What", "Changes"]}
      cells={(event) => (
        <>
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
        </>
      )}
      card={(event) => (
        <>
          <div className="break-words text-zinc-900">
            <AuditEventSentence event={event} />
          </div>
          <div className="text-xs break-all text-zinc-500">by {event.actorLabel}</div>
        </>
      )}
    />
  );
}
