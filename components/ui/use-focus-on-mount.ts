"use client";

import { useEffect, useRef } from "react";

/**
 * Moves keyboard and screen-reader focus to the element when it appears and again each time `key` changes (a count
 * of finished checks, say); a null, undefined or false key leaves focus alone. Give the element `tabIndex={-1}`
 * unless it is focusable already.
 */
export function useFocusOnMount<T extends HTMLElement>(key: unknown = true) {
  const ref = useRef<T>(null);
  useEffect(() => {
    if (key === null || key === undefined || key === false) return;
    ref.current?.focus();
  }, [key]);
  return ref;
}
