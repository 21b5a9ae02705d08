"use client";

/**
 * Asks for focus to move to a heading that will appear after a refresh: a fetch that finishes re-renders its page
 * with the result, and the result's heading (`<CardHeader focusOnMount="…">`) takes focus only when asked, not on
 * every visit. Module state, so it lives across client-side refreshes and navigations, and only in this tab.
 */
const requested = new Set<string>();

export function requestFocus(key: string) {
  requested.add(key);
}

/** True once per request: the heading that takes it consumes it. */
export function takeFocusRequest(key: string): boolean {
  return requested.delete(key);
}
