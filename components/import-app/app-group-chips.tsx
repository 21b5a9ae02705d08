import { Badge } from "@/components/ui/badge";

/** How many of a user's groups show before the rest fold under "+N". */
const SHOWN = 3;

/** The groups a user of the app is a member of there, as chips; past the first few, the rest open from "+N". */
export function AppGroupChips({ groups }: { groups: string[] }) {
  if (groups.length === 0) return <span className="text-xs text-zinc-500">—</span>;
  const shown = groups.slice(0, SHOWN);
  const rest = groups.slice(SHOWN);
  return (
    <div className="flex max-w-72 min-w-48 flex-wrap items-start gap-1">
      {shown.map((name) => (
        <Badge key={name}>{name}</Badge>
      ))}
      {rest.length > 0 ? (
        <details className="group">
          <summary className="cursor-pointer list-none rounded-full px-1.5 py-0.5 text-xs font-medium text-brand-600 hover:underline">
            +{rest.length}
            <span className="sr-only"> more {rest.length === 1 ? "group" : "groups"}</span>
          </summary>
          <div className="mt-1 flex flex-wrap gap-1">
            {rest.map((name) => (
              <Badge key={name}>{name}</Badge>
            ))}
          </div>
        </details>
      ) : null}
    </div>
  );
}
