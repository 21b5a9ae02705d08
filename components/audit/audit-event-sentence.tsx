import Link from "next/link";
import { describeAuditEventParts } from "./audit-event-description";

export interface DescribedAuditEvent {
  action: string;
  targetLabel: string | null;
  changes: unknown;
  /** Where the target lives (`/users/<id>`…), when it still exists and the viewer may open it. */
  targetHref?: string | null;
}

/** The event in plain words, its target a link while the target still exists. */
export function AuditEventSentence({ event }: { event: DescribedAuditEvent }) {
  return (
    <>
      {describeAuditEventParts(event).map((part, index) =>
        typeof part === "string" ? (
          part
        ) : event.targetHref ? (
          <Link key={index} href={event.targetHref} className="font-medium text-brand-700 hover:underline">
            {part.target}
          </Link>
        ) : (
          <span key={index} className="font-medium">
            {part.target}
          </span>
        ),
      )}
    </>
  );
}
