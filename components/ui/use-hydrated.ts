"use client";

import { useSyncExternalStore } from "react";

const subscribe = () => () => {};

/**
 * False in the server's HTML and during hydration, true once React runs the page. Controls whose changes would be
 * lost before then (React drops text typed into a box it has not hydrated yet) are disabled until it is true, so
 * neither people nor Playwright can use a dead control.
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
}
