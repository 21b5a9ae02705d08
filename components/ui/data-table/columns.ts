import type { ReactNode } from "react";

/**
 * One column of a DataTable. `sortKey` makes the header a sort link (sorting runs on the server).
 * On phones each row is a card: the "title" column is its first line, "field" columns follow with their label,
 * and "hidden" columns are left out.
 */
export interface DataColumn<TRow> {
  id: string;
  header: string;
  cell: (row: TRow) => ReactNode;
  sortKey?: string;
  card?: "title" | "field" | "hidden";
  /** Classes for the column's header and cells on wider screens (e.g. "hidden lg:table-cell"). */
  className?: string;
}

/** The list's server-side order, as in the URL. */
export interface ServerSort {
  sort: string;
  dir: "asc" | "desc";
}
