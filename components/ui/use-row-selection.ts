"use client";

import { useState } from "react";

/**
 * Which rows of a paged list are ticked, or whether "everything matching the
 * filter" is, for bulk actions. `count` is what the action will act on.
 */
export function useRowSelection(pageIds: readonly string[], totalMatching: number) {
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [allMatching, setAllMatching] = useState(false);
  const allOnPage = pageIds.length > 0 && pageIds.every((id) => selected.has(id));

  return {
    selected,
    allMatching,
    allOnPage,
    count: allMatching ? totalMatching : selected.size,
    isSelected: (id: string) => allMatching || selected.has(id),
    toggle(id: string) {
      setAllMatching(false);
      setSelected((current) => {
        const next = new Set(current);
        if (next.has(id)) next.delete(id);
        else next.add(id);
        return next;
      });
    },
    togglePage() {
      setAllMatching(false);
      setSelected(allOnPage ? new Set() : new Set(pageIds));
    },
    selectAllMatching: () => setAllMatching(true),
    clear() {
      setSelected(new Set());
      setAllMatching(false);
    },
  };
}
