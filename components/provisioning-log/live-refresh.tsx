"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";

/** Re-reads the newest page of the log every few seconds while the tab is visible, so new rows appear by themselves. */
export function LiveRefresh({ everyMs = 3_000 }: { everyMs?: number }) {
  const router = useRouter();
  useEffect(() => {
    const timer = setInterval(() => {
      if (document.visibilityState === "visible") router.refresh();
    }, everyMs);
    return () => clearInterval(timer);
  }, [router, everyMs]);
  return null;
}
