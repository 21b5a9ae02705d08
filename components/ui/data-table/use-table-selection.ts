"use client";

import type { RowSelectionState, Updater } from "@tanstack/react-table";
import { useState } from "react";
import {
  emptySelection,
  fromRowSelection,
  selectAllMatching,
  selectionInput,
  summarizeSelection,
  visibleRowSelection,
  type SelectionState,
} from "./selection-model";

/**
 * The selection of a server-paged table: react-table's row selection for this page, plus "all N matching".
 * Pass `rowSelection` and `onRowSelectionChange` to the DataTable and the rest to the SelectionBar.
 */
export function useTableSelection<TFilter>(pageIds: readonly string[], totalMatching: number, filter: TFilter) {
  const [state, setState] = useState<SelectionState>(emptySelection);
  const rowSelection = visibleRowSelection(state, pageIds);
  const summary = summarizeSelection(state, pageIds, totalMatching);
  return {
    ...summary,
    allMatching: state.allMatching,
    totalMatching,
    rowSelection,
    onRowSelectionChange(updater: Updater<RowSelectionState>) {
      setState((current) => fromRowSelection(typeof updater === "function" ? updater(visibleRowSelection(current, pageIds)) : updater));
    },
    selectAllMatching: () => setState((current) => selectAllMatching(current, pageIds)),
    clear: () => setState(emptySelection),
    /** The bulk action's input: the filter for "all matching", else the ticked ids. */
    input: selectionInput(state, filter),
  };
}

export type TableSelection = ReturnType<typeof useTableSelection>;
