"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useEffect, useRef, useState, useTransition } from "react";
import { useHydrated } from "./use-hydrated";

type Changes = Record<string, string | null>;

/**
 * Filters that live in the URL, so a filtered list can be shared and reloaded.
 * `update` changes some parameters and drops the paging cursors; the search
 * text is debounced before it reaches the URL.
 *
 * Each update starts from the address bar at that moment, not from the parameters of the render that scheduled it
 * (the debounced search would otherwise put back the filter a tab switch had just replaced), plus the changes asked
 * for earlier that have not reached the URL yet (a navigation still on its way), so updates never undo each other.
 * `hydrated` is false until React runs the page: controls are disabled until then, as what they did would be lost.
 */
export function useUrlFilters() {
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const hydrated = useHydrated();
  const [pending, startTransition] = useTransition();
  const [q, setQ] = useState(params.get("q") ?? "");
  const unsettled = useRef<Changes>({});

  // A change is settled once the URL shows it; until then every update carries it along.
  useEffect(() => {
    for (const [key, value] of Object.entries(unsettled.current)) {
      if (params.get(key) === value) delete unsettled.current[key];
    }
  }, [params]);

  function update(changes: Changes) {
    const normalized = Object.fromEntries(Object.entries(changes).map(([key, value]) => [key, value || null]));
    unsettled.current = { ...unsettled.current, ...normalized, after: null, before: null };
    const next = new URLSearchParams(window.location.search);
    for (const [key, value] of Object.entries(unsettled.current)) {
      if (value) next.set(key, value);
      else next.delete(key);
    }
    startTransition(() => router.replace(`${pathname}?${next.toString()}`));
  }

  useEffect(() => {
    if (q === (params.get("q") ?? "")) return;
    const timer = setTimeout(() => update({ q: q.trim() || null }), 300);
    return () => clearTimeout(timer);
    // Only the typed text restarts the debounce.
  }, [q]);

  return { params, pathname, pending, update, q, setQ, hydrated };
}
