import { ArrowDown, ArrowUp, ArrowUpDown } from "lucide-react";
import { FilterLink } from "../filter-link";

interface Props {
  label: string;
  sortKey: string;
  /** From react-table's column: its current direction, and the next one a click asks for. */
  sorted: false | "asc" | "desc";
  next: "asc" | "desc";
  /** The list's query string without sort, direction and cursors. */
  baseQuery: string;
}

/** A header's sort button: a link, so the order lives in the URL and paging restarts from the first page. */
export function SortHeaderLink({ label, sortKey, sorted, next, baseQuery }: Props) {
  const Icon = sorted === "asc" ? ArrowUp : sorted === "desc" ? ArrowDown : ArrowUpDown;
  const query = new URLSearchParams(baseQuery);
  query.set("sort", sortKey);
  query.set("dir", next);
  return (
    <FilterLink href={`?${query.toString()}`} className="inline-flex items-center gap-1 hover:text-zinc-800">
      {label}
      <Icon aria-hidden className={`size-3 ${sorted ? "text-zinc-700" : "text-zinc-400"}`} />
    </FilterLink>
  );
}
