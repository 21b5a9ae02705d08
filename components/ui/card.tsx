import type { HTMLAttributes, ReactNode } from "react";
import { cn } from "./class-names";
import { FocusHeading } from "./focus-heading";

export function Card({ className, ...props }: HTMLAttributes<HTMLDivElement>) {
  return <div className={cn("rounded-xl bg-white shadow-sm ring-1 ring-zinc-200", className)} {...props} />;
}

interface CardHeaderProps {
  title: string;
  description?: string;
  action?: ReactNode;
  /** Move focus to the title when the card appears (true: a wizard step's card), or when `requestFocus(key)` asked. */
  focusOnMount?: boolean | string;
}

export function CardHeader({ title, description, action, focusOnMount = false }: CardHeaderProps) {
  return (
    // On a narrow screen the action goes below the title rather than squeezing the description into a column.
    <div className="flex flex-wrap items-start justify-between gap-x-4 gap-y-3 border-b border-zinc-100 px-6 py-4">
      <div className="min-w-0 flex-1 basis-64">
        {focusOnMount ? (
          <FocusHeading when={focusOnMount} className="text-base font-semibold text-zinc-900">
            {title}
          </FocusHeading>
        ) : (
          <h2 className="text-base font-semibold text-zinc-900">{title}</h2>
        )}
        {description ? <p className="mt-0.5 text-sm text-zinc-500">{description}</p> : null}
      </div>
      {action}
    </div>
  );
}
