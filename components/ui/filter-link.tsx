"use client";

import Link from "next/link";
import { usePathname, useSearchParams } from "next/navigation";
import { useEffect, type ComponentProps } from "react";
import { changesOfLink, noteUrlChanges, settleUrlChanges } from "./url-changes";

/**
 * A link to the same list with other filters (a tab, a sort order). It navigates like any link, and also tells the
 * page's other controls where the address is going, so a search typed before the new page has loaded is sent with
 * this link's filters rather than from the address it is leaving (which would undo the click).
 */
export function FilterLink({ href, onClick, ...props }: Omit<ComponentProps<typeof Link>, "href"> & { href: `?${string}` }) {
  const pathname = usePathname();
  const params = useSearchParams();
  useEffect(() => settleUrlChanges(pathname, params), [pathname, params]);
  return (
    <Link
      href={href}
      onClick={(event) => {
        onClick?.(event);
        // A click that opens a new tab or window leaves this page where it is.
        if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
        noteUrlChanges(pathname, changesOfLink(href));
      }}
      {...props}
    />
  );
}
