"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useEffect, useRef, useState, useTransition } from "react";
import { noteUrlChanges, pendingUrlValue, settleUrlChanges, type UrlChanges } from "./url-changes";

const SEARCH_DEBOUNCE_MS = 300;

/**
 * Filters that live in the URL, so a filtered list can be shared and reloaded.
 * `update` changes some parameters and drops the paging cursors; the search
 * text is debounced before it reaches the URL.
 *
 * Each update starts from the address bar at that moment plus every change asked for on this page that has not
 * reached it yet (./url-changes.ts: a filter link clicked, an earlier update still loading), so changes never undo
 * each other, whichever control made them.
 *
 * The search box follows the address when something else changes its `q` (a tab that clears the search, Back),
 * except while text typed into it is still waiting to be sent: that text is kept and sent on top of the new address.
 * Its controls (SearchField, FilterSelect, DateRangeFields) are disabled until the page has hydrated, as what they
 * did before then would be lost.
 */
export function useUrlFilters() {
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const [pending, startTransition] = useTransition();
  const urlQ = params.get("q") ?? "";
  const [q, setText] = useState(urlQ);
  const lastUrlQ = useRef(urlQ);
  const typing = useRef<ReturnType<typeof setTimeout> | null>(null);

  function update(changes: UrlChanges) {
    const next = noteUrlChanges(pathname, { ...changes, after: null, before: null });
    startTransition(() => router.replace(`${pathname}?${next.toString()}`));
  }

  useEffect(() => {
    settleUrlChanges(pathname, params);
    if (urlQ === lastUrlQ.current) return;
    lastUrlQ.current = urlQ;
    if (typing.current === null) setText((text) => (text.trim() === urlQ ? text : urlQ));
  }, [pathname, params, urlQ]);

  useEffect(() => () => clearTimeout(typing.current ?? undefined), []);

  function setQ(text: string) {
    setText(text);
    clearTimeout(typing.current ?? undefined);
    typing.current = setTimeout(() => {
      typing.current = null;
      const wanted = text.trim();
      const pendingQ = pendingUrlValue(pathname, "q");
      const heading = pendingQ === undefined ? (new URLSearchParams(window.location.search).get("q") ?? "") : (pendingQ ?? "");
      if (wanted !== heading) update({ q: wanted || null });
    }, SEARCH_DEBOUNCE_MS);
  }

  return { params, pathname, pending, update, q, setQ };
}
