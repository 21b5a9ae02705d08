import type { ReactNode } from "react";

export function PageHeader({ title, description, actions }: { title: string; description?: string; actions?: ReactNode }) {
  return (
    <div className="mb-6 flex flex-wrap items-end justify-between gap-4">
      <div className="min-w-0">
        <h1 className="text-2xl font-semibold tracking-tight text-zinc-900">{title}</h1>
        {description ? <p className="mt-1 max-w-2xl text-sm text-zinc-500">{description}</p> : null}
      </div>
      {/* On a phone the actions go under the title and wrap, each keeping its label on one line. */}
      {actions ? <div className="flex flex-wrap items-center gap-2 [&>*]:whitespace-nowrap">{actions}</div> : null}
    </div>
  );
}
