"use client";

import { X } from "lucide-react";
import type { ReactNode } from "react";
import type { TableSelection } from "./use-table-selection";

interface Props {
  selection: TableSelection;
  /** What the rows are: { one: "person", many: "people" }. */
  noun: { one: string; many: string };
  /** The bulk actions (buttons, menus, confirm dialogs). */
  children: ReactNode;
  /** Words for "Select all N matching …" where the list has its own ("Select all 22 still to import in “New”"). */
  selectAllLabel?: string;
}

/**
 * The one bar for a selection: how many are selected, "Select all N matching", Clear, and the actions. It sticks
 * to the bottom of the screen while the list scrolls, so the actions stay in reach on a long page. Hidden while
 * nothing is selected.
 */
export function SelectionBar({ selection, noun, children, selectAllLabel }: Props) {
  if (selection.count === 0) return null;
  const format = (count: number) => count.toLocaleString("en-US");
  return (
    <div
      role="region"
      aria-label="Bulk actions"
      className="sticky bottom-0 z-20 flex flex-wrap items-center gap-x-3 gap-y-2 border-t border-brand-100 bg-brand-50/95 px-4 py-2.5 text-sm shadow-[0_-4px_12px_-6px_rgb(0_0_0/0.15)] backdrop-blur"
    >
      <span className="font-medium text-brand-700" aria-live="polite">
        {format(selection.count)} selected
        {selection.allMatching ? <span className="font-normal text-brand-600"> (all matching)</span> : null}
      </span>
      {selection.canSelectAllMatching ? (
        <button type="button" className="text-brand-700 underline-offset-2 hover:underline" onClick={selection.selectAllMatching}>
          {selectAllLabel ?? `Select all ${format(selection.totalMatching)} matching ${selection.totalMatching === 1 ? noun.one : noun.many}`}
        </button>
      ) : null}
      <button type="button" className="inline-flex items-center gap-1 text-zinc-600 underline-offset-2 hover:underline" onClick={selection.clear}>
        <X aria-hidden className="size-3.5" /> Clear<span className="sr-only"> selection</span>
      </button>
      <div className="flex flex-wrap gap-2 sm:ml-auto">{children}</div>
    </div>
  );
}
