/**
 * Which rows of a server-paged list are selected for a bulk action: some rows by id, or "everything matching the
 * filter" (every page, not only the one on screen). Pure, so that the rules are tested without a browser.
 */
export interface SelectionState {
  /** Ticked rows, by id, as react-table keeps them. */
  ids: Readonly<Record<string, true>>;
  /** Everything matching the list's filter, on every page. */
  allMatching: boolean;
}

export const emptySelection: SelectionState = { ids: {}, allMatching: false };

export interface SelectionSummary {
  /** How many rows the bulk action will act on. */
  count: number;
  allOnPage: boolean;
  someOnPage: boolean;
  /** "Select all N matching" is worth offering: the whole page is ticked and more rows match than are shown. */
  canSelectAllMatching: boolean;
}

export function summarizeSelection(state: SelectionState, pageIds: readonly string[], totalMatching: number): SelectionSummary {
  const onPage = state.allMatching ? pageIds.length : pageIds.filter((id) => state.ids[id]).length;
  const allOnPage = pageIds.length > 0 && onPage === pageIds.length;
  return {
    count: state.allMatching ? totalMatching : Object.keys(state.ids).length,
    allOnPage,
    someOnPage: onPage > 0 && !allOnPage,
    canSelectAllMatching: allOnPage && !state.allMatching && totalMatching > pageIds.length,
  };
}

/** The row selection react-table should show: every row on the page while everything matching is selected. */
export function visibleRowSelection(state: SelectionState, pageIds: readonly string[]): Record<string, true> {
  return state.allMatching ? Object.fromEntries(pageIds.map((id) => [id, true as const])) : { ...state.ids };
}

/** A change made through react-table (a row or the page ticked or cleared) ends "all matching": the admin chose rows. */
export function fromRowSelection(rowSelection: Readonly<Record<string, boolean>>): SelectionState {
  return {
    ids: Object.fromEntries(
      Object.entries(rowSelection)
        .filter(([, on]) => on)
        .map(([id]) => [id, true as const]),
    ),
    allMatching: false,
  };
}

export function selectAllMatching(state: SelectionState, pageIds: readonly string[]): SelectionState {
  return { ids: { ...state.ids, ...Object.fromEntries(pageIds.map((id) => [id, true as const])) }, allMatching: true };
}

/** What a bulk action receives: the filter when everything matching is selected, else the ticked ids. */
export function selectionInput<TFilter>(state: SelectionState, filter: TFilter): { filter: TFilter } | { ids: string[] } {
  return state.allMatching ? { filter } : { ids: Object.keys(state.ids) };
}
