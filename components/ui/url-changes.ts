"use client";

/**
 * The changes to a list page's address that have been asked for but are not in the address bar yet: a filter link
 * clicked whose page is still loading, a debounced search that has just been sent. Shared by every control on the
 * page, so that a change started while another is on its way carries the other along instead of undoing it (a search
 * typed just after clicking the “Add people” tab keeps both the tab and the search).
 *
 * A change is settled, and forgotten, once the address shows it; going back or forward forgets them all.
 */
export type UrlChanges = Record<string, string | null>;

let unsettled: { pathname: string; changes: UrlChanges } = { pathname: "", changes: {} };

if (typeof window !== "undefined") {
  window.addEventListener("popstate", () => {
    unsettled = { pathname: "", changes: {} };
  });
}

/** Adds changes for this page, later ones winning, and returns the address they lead to from the current one. */
export function noteUrlChanges(pathname: string, changes: UrlChanges): URLSearchParams {
  if (unsettled.pathname !== pathname) unsettled = { pathname, changes: {} };
  const normalized = Object.fromEntries(Object.entries(changes).map(([key, value]) => [key, value || null]));
  unsettled.changes = { ...unsettled.changes, ...normalized };
  const next = new URLSearchParams(window.location.search);
  for (const [key, value] of Object.entries(unsettled.changes)) {
    if (value) next.set(key, value);
    else next.delete(key);
  }
  return next;
}

/** The value a parameter is on its way to, or undefined when nothing is pending for it. */
export function pendingUrlValue(pathname: string, key: string): string | null | undefined {
  return unsettled.pathname === pathname ? unsettled.changes[key] : undefined;
}

/** Forgets the changes the address now shows. */
export function settleUrlChanges(pathname: string, params: Pick<URLSearchParams, "get">): void {
  if (unsettled.pathname !== pathname) return;
  for (const [key, value] of Object.entries(unsettled.changes)) {
    if (params.get(key) === value) delete unsettled.changes[key];
  }
}

/** The changes a link to `href` (a query string on this page) makes: its parameters, and every other one dropped. */
export function changesOfLink(href: string): UrlChanges {
  const target = new URLSearchParams(href.startsWith("?") ? href.slice(1) : href);
  const changes: UrlChanges = {};
  for (const key of new URLSearchParams(window.location.search).keys()) changes[key] = null;
  for (const [key, value] of target) changes[key] = value;
  return changes;
}
