import type { DataColumn } from "./columns";

export const HEADER = "bg-zinc-50/80 px-4 py-2.5 text-left text-xs font-semibold tracking-wide text-zinc-500 uppercase";
export const CELL = "px-4 py-3 align-top text-zinc-700 max-md:p-0";

/**
 * Where a cell goes in its row's phone card (a three-column grid: checkbox, content, menu). The title sits on the
 * first line beside the checkbox; fields follow underneath with their column's name before them.
 */
export function cardCellClass(card: NonNullable<DataColumn<unknown>["card"]>, selectable: boolean): string {
  if (card === "hidden") return "max-md:hidden";
  if (card === "title") return `max-md:row-start-1 max-md:min-w-0 ${selectable ? "max-md:col-start-2" : "max-md:col-start-1 max-md:col-span-2"}`;
  return `${selectable ? "max-md:col-start-2" : "max-md:col-start-1"} max-md:col-end-4 max-md:flex max-md:min-w-0 max-md:gap-2 max-md:before:w-24 max-md:before:shrink-0 max-md:before:text-xs max-md:before:text-zinc-500 max-md:before:content-[attr(data-label)]`;
}
