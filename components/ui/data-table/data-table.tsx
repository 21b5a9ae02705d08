"use client";

import { rowSelectionFeature, rowSortingFeature, tableFeatures, useTable, type ColumnDef, type SortingState } from "@tanstack/react-table";
import { useMemo, type ReactNode } from "react";
import { cn } from "../class-names";
import type { DataColumn, ServerSort } from "./columns";
import { SortHeaderLink } from "./sort-header-link";
import { CELL, HEADER, cardCellClass } from "./card-layout";
import type { TableSelection } from "./use-table-selection";

const features = tableFeatures({ rowSelectionFeature, rowSortingFeature });
type Features = typeof features;

interface Props<TRow extends { id: string }> {
  /** The table's accessible name ("People", "Members"). */
  label: string;
  rows: TRow[];
  columns: DataColumn<TRow>[];
  /** Server-side order and the query string its links keep (filters, without sort, direction and cursors). */
  sort?: { current: ServerSort; baseQuery: string };
  /** Ticking rows; omit for a read-only table. */
  selection?: { state: TableSelection; selectPageLabel: string; rowLabel: (row: TRow) => string; canSelect?: (row: TRow) => boolean };
  /** A row's menu (last column; on phones, the card's top right). */
  rowMenu?: (row: TRow) => ReactNode;
  /** Shown instead of the table when there are no rows. */
  empty?: ReactNode;
}

/**
 * A server-paged table on react-table (manual sorting, page and "all matching" selection). From `md` up it is a
 * table; below, each row is a card (checkbox, title, menu on top; the other fields labelled underneath) so
 * nothing is wider than a phone. One DOM for both widths, so a row is the same element whatever the screen.
 */
export function DataTable<TRow extends { id: string }>({ label, rows, columns, sort, selection, rowMenu, empty }: Props<TRow>) {
  const columnKey = columns.map((column) => `${column.id}:${column.sortKey ?? ""}`).join("|");
  // react-table holds the model (ids, sort state, selection); cells render from our column list below.
  const tableColumns = useMemo<ColumnDef<Features, TRow>[]>(
    () => columns.map((column) => ({ id: column.id, header: column.header, enableSorting: Boolean(column.sortKey) })),
    // Rebuilt when the columns' ids or sort keys change, not on every render's new array.
    [columnKey],
  );
  const sorting: SortingState = useMemo(() => {
    const active = columns.find((column) => column.sortKey && column.sortKey === sort?.current.sort);
    return active ? [{ id: active.id, desc: sort!.current.dir === "desc" }] : [];
  }, [columnKey, sort?.current.sort, sort?.current.dir]);
  const table = useTable({
    features,
    columns: tableColumns,
    data: rows,
    getRowId: (row) => row.id,
    manualSorting: true,
    enableSortingRemoval: false,
    sortDescFirst: false,
    enableRowSelection: selection ? (row) => selection.canSelect?.(row.original) ?? true : false,
    state: { sorting, rowSelection: selection?.state.rowSelection ?? {} },
    onRowSelectionChange: selection?.state.onRowSelectionChange,
  });

  if (rows.length === 0 && empty) return <>{empty}</>;
  const byId = new Map(columns.map((column) => [column.id, column]));
  const selectable = Boolean(selection);

  return (
    <div className="md:overflow-x-auto">
      <table aria-label={label} className="w-full text-sm md:divide-y md:divide-zinc-200">
        <thead className="max-md:block max-md:border-b max-md:border-zinc-100">
          {table.getHeaderGroups().map((group) => (
            <tr key={group.id} className="max-md:flex max-md:flex-wrap max-md:items-center max-md:gap-x-4 max-md:bg-zinc-50/80">
              {selection ? (
                <th scope="col" className={cn(HEADER, "w-10")}>
                  <input
                    type="checkbox"
                    aria-label={selection.selectPageLabel}
                    className="size-4 rounded border-zinc-300"
                    checked={table.getIsAllPageRowsSelected()}
                    ref={(box) => {
                      if (box) box.indeterminate = table.getIsSomePageRowsSelected() && !table.getIsAllPageRowsSelected();
                    }}
                    onChange={table.getToggleAllPageRowsSelectedHandler()}
                  />
                </th>
              ) : null}
              {group.headers.map((header) => {
                const column = byId.get(header.column.id)!;
                const sorted = header.column.getIsSorted();
                return (
                  <th
                    key={header.id}
                    scope="col"
                    aria-sort={column.sortKey ? (sorted === "asc" ? "ascending" : sorted === "desc" ? "descending" : "none") : undefined}
                    className={cn(HEADER, column.className, !column.sortKey && "max-md:hidden", column.sortKey && "max-md:px-0")}
                  >
                    {column.sortKey && sort ? (
                      <SortHeaderLink
                        label={column.header}
                        sortKey={column.sortKey}
                        sorted={sorted}
                        next={header.column.getNextSortingOrder() || "asc"}
                        baseQuery={sort.baseQuery}
                      />
                    ) : (
                      column.header
                    )}
                  </th>
                );
              })}
              {rowMenu ? (
                <th scope="col" className={cn(HEADER, "w-12 max-md:hidden")}>
                  <span className="sr-only">Actions</span>
                </th>
              ) : null}
            </tr>
          ))}
        </thead>
        <tbody className="divide-y divide-zinc-100 max-md:block">
          {table.getRowModel().rows.map((row) => (
            <tr
              key={row.id}
              className={cn(
                "max-md:grid max-md:grid-cols-[auto_minmax(0,1fr)_auto] max-md:items-start max-md:gap-x-3 max-md:gap-y-1 max-md:px-4 max-md:py-3",
                row.getIsSelected() ? "bg-brand-50/40" : "hover:bg-zinc-50/60",
              )}
            >
              {selection ? (
                <td className={cn(CELL, "w-10 max-md:col-start-1 max-md:row-start-1 max-md:pt-0.5")}>
                  {row.getCanSelect() ? (
                    <input
                      type="checkbox"
                      aria-label={selection.rowLabel(row.original)}
                      className="size-4 rounded border-zinc-300"
                      checked={row.getIsSelected()}
                      onChange={row.getToggleSelectedHandler()}
                    />
                  ) : null}
                </td>
              ) : null}
              {row.getAllCells().map((cell) => {
                const column = byId.get(cell.column.id)!;
                return (
                  <td key={cell.id} data-label={column.header} className={cn(CELL, column.className, cardCellClass(column.card ?? "field", selectable))}>
                    {column.cell(row.original)}
                  </td>
                );
              })}
              {rowMenu ? <td className={cn(CELL, "w-12 max-md:col-start-3 max-md:row-start-1")}>{rowMenu(row.original)}</td> : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
