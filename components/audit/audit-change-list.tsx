import { describeAuditField, formatAuditValue } from "./audit-event-description";

/** An event's changes, field by field: old value struck through, new value after. */
export function AuditChangeList({ changes }: { changes: unknown }) {
  if (!changes || typeof changes !== "object") return <span className="text-zinc-500">—</span>;
  const entries = Object.entries(changes as Record<string, { from?: unknown; to?: unknown }>);
  return (
    <ul className="space-y-0.5">
      {entries.map(([field, change]) => (
        <li key={field} className="text-xs break-words">
          <span className="font-medium text-zinc-700">{describeAuditField(field)}</span>:{" "}
          <span className="text-zinc-500 line-through decoration-zinc-300">{formatAuditValue(change?.from)}</span>
          {" → "}
          <span className="text-zinc-900">{formatAuditValue(change?.to)}</span>
        </li>
      ))}
    </ul>
  );
}
