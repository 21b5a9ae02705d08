import type { HTMLAttributes, TdHTMLAttributes, ThHTMLAttributes } from "react";
import { cn } from "./class-names";

export function Table({ className, ...props }: HTMLAttributes<HTMLTableElement>) {
  return (
    // `relative`: absolutely placed text in a cell (sr-only labels) is clipped by this box too, not the page's width.
    <div className="relative overflow-x-auto">
      <table className={cn("min-w-full divide-y divide-zinc-200 text-sm", className)} {...props} />
    </div>
  );
}

export function Th({ className, ...props }: ThHTMLAttributes<HTMLTableCellElement>) {
  return (
    <th scope="col" className={cn("bg-zinc-50/80 px-4 py-2.5 text-left text-xs font-semibold tracking-wide text-zinc-500 uppercase", className)} {...props} />
  );
}

export function Td({ className, ...props }: TdHTMLAttributes<HTMLTableCellElement>) {
  return <td className={cn("px-4 py-3 align-top text-zinc-700", className)} {...props} />;
}
