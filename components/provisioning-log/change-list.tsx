import type { ChangeEntry } from "@/lib/provisioning/log/change-entries";

/** How many changes show before the rest fold away (a create sends every mapped attribute). */
const SHOWN = 3;

function ChangeItem({ path, from, to }: ChangeEntry) {
  return (
    <li className="text-xs break-words">
      <span className="font-mono text-zinc-600">{path}</span>:{" "}
      {from !== null ? (
        <>
          <span className="text-zinc-500 line-through decoration-zinc-300">{from}</span>
          {" → "}
        </>
      ) : null}
      <span className="text-zinc-900">{to ?? <span className="text-zinc-500">(empty)</span>}</span>
    </li>
  );
}

/** Attribute changes as `path: old → new`, the old value struck through; long lists fold after the first few. */
export function ChangeList({ changes }: { changes: readonly ChangeEntry[] | undefined }) {
  if (!changes || changes.length === 0) return null;
  // userName first: it names the account.
  const ordered = [...changes].sort((a, b) => Number(b.path === "userName") - Number(a.path === "userName"));
  const rest = ordered.slice(SHOWN);
  return (
    <div className="mt-1">
      <ul className="space-y-0.5">
        {ordered.slice(0, SHOWN).map((change) => (
          <ChangeItem key={change.path} {...change} />
        ))}
      </ul>
      {rest.length > 0 ? (
        <details className="group mt-0.5">
          <summary className="cursor-pointer text-xs font-medium text-brand-700 select-none hover:underline">
            <span className="group-open:hidden">
              {rest.length} more {rest.length === 1 ? "attribute" : "attributes"}
            </span>
            <span className="hidden group-open:inline">Fewer attributes</span>
          </summary>
          <ul className="mt-0.5 space-y-0.5">
            {rest.map((change) => (
              <ChangeItem key={change.path} {...change} />
            ))}
          </ul>
        </details>
      ) : null}
    </div>
  );
}
