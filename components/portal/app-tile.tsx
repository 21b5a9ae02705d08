import { AppWindow, ArrowUpRight } from "lucide-react";
import type { MyApp } from "@/lib/directory/assignments/list-my-apps";

/** How the person got the app, in words: "Assigned to you", "Through Design", "Assigned to you and through Design". */
function viaText(app: Pick<MyApp, "direct" | "groups">): string {
  const groups = app.groups.length > 0 ? `through ${app.groups.join(", ")}` : "";
  if (app.direct && groups) return `Assigned to you and ${groups}`;
  if (app.direct) return "Assigned to you";
  return groups.charAt(0).toUpperCase() + groups.slice(1);
}

/** One app on My apps: a link to sign in to it when single sign-on is set up, else a tile that says it is not yet. */
export function AppTile({ app }: { app: MyApp }) {
  const body = (
    <>
      <span className="flex size-10 shrink-0 items-center justify-center rounded-lg bg-brand-50 text-brand-700">
        <AppWindow aria-hidden className="size-5" />
      </span>
      <span className="min-w-0 flex-1">
        <span className="flex items-center gap-1 font-medium text-zinc-900">
          <span className="truncate">{app.name}</span>
          {app.signInPath ? <ArrowUpRight aria-hidden className="size-4 shrink-0 text-zinc-400" /> : null}
        </span>
        <span className="mt-0.5 block text-xs text-zinc-600">{viaText(app)}</span>
        {app.signInPath ? null : <span className="mt-2 block text-sm text-zinc-600">Single sign-on is not set up for this app yet</span>}
      </span>
    </>
  );
  const frame = "flex items-start gap-3 rounded-xl bg-white p-4 shadow-sm ring-1 ring-zinc-200";
  return (
    <li>
      {app.signInPath ? (
        <a href={app.signInPath} className={`${frame} hover:ring-brand-300 focus-visible:outline-2 focus-visible:outline-brand-600`}>
          {body}
        </a>
      ) : (
        <div className={frame} aria-label={`${app.name}: single sign-on is not set up for this app yet`} role="group">
          {body}
        </div>
      )}
    </li>
  );
}
