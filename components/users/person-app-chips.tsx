import { UsersRound } from "lucide-react";

export interface PersonAppChip {
  appId: string;
  name: string;
  direct: boolean;
  /** How the person has it: "Directly", "Via Engineering". */
  how: string;
}

/** Chips shown before the rest are counted ("+2"). */
const SHOWN = 3;

/** The apps a person has, as chips: a group icon marks an app had only through a group; the title says how. */
export function PersonAppChips({ apps }: { apps: PersonAppChip[] }) {
  if (apps.length === 0) return <span className="text-xs text-zinc-500">No apps</span>;
  const more = apps.length - SHOWN;
  return (
    <ul aria-label="Apps" className="flex flex-wrap gap-1">
      {apps.slice(0, SHOWN).map((app) => {
        const how = app.how;
        return (
          <li
            key={app.appId}
            title={`${app.name}: ${how}`}
            className="inline-flex max-w-40 items-center gap-1 rounded-md bg-zinc-100 px-1.5 py-0.5 text-xs text-zinc-700"
          >
            {app.direct ? null : <UsersRound aria-hidden className="size-3 shrink-0 text-zinc-500" />}
            <span className="truncate">{app.name}</span>
            <span className="sr-only">({how})</span>
          </li>
        );
      })}
      {more > 0 ? (
        <li
          className="rounded-md px-1 py-0.5 text-xs text-zinc-500"
          title={apps
            .slice(SHOWN)
            .map((app) => app.name)
            .join(", ")}
        >
          +{more}
          <span className="sr-only">
            {" "}
            more:{" "}
            {apps
              .slice(SHOWN)
              .map((app) => app.name)
              .join(", ")}
          </span>
        </li>
      ) : null}
    </ul>
  );
}
