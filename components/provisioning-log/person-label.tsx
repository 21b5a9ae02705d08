import Link from "next/link";

/** A log row about a group: its name, marked as a group, linking to it. */
export function GroupLabel({ label, groupId }: { label: string; groupId: string }) {
  return (
    <>
      <Link href={`/groups/${groupId}`} className="font-medium text-zinc-900 hover:text-brand-700 hover:underline">
        {label}
      </Link>
      <div className="text-xs text-zinc-500">Group</div>
    </>
  );
}

/** "Dana Lee <dana@example.com>", as the log records a person, shown as a name over an e-mail. */
export function PersonLabel({ label, userId }: { label: string; userId?: string }) {
  const match = /^(.*) <([^>]+)>$/.exec(label);
  const name = match ? match[1]! : label;
  return (
    <>
      {userId ? (
        <Link href={`/users/${userId}`} className="font-medium text-zinc-900 hover:text-brand-700 hover:underline">
          {name}
        </Link>
      ) : (
        <span className="font-medium text-zinc-900">{name}</span>
      )}
      {match ? <div className="text-xs text-zinc-500">{match[2]}</div> : null}
    </>
  );
}
