"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";

/** Where the person tried to go while there were unsaved changes. */
type Pending = { kind: "link"; href: string; sameOrigin: boolean } | { kind: "back" };

/**
 * Keeps unsaved work from being lost by leaving the page while `active`:
 * - reloading, closing the tab or typing an address: the browser's own "Leave site?" prompt (`beforeunload`);
 * - clicking any link on the page (sidebar, breadcrumbs, the wizard's steps): a capture-phase listener on the
 *   document stops the click before Next's Link sees it, and `pending` asks the page to confirm;
 * - the browser's Back button: a copy of the current history entry is pushed once, so Back lands on the same
 *   page (a popstate) and can be confirmed; Leave then goes back for real, Stay pushes the copy again.
 * App Router has no route-change events, hence the three.
 */
export function useLeaveGuard(active: boolean) {
  const router = useRouter();
  const [pending, setPending] = useState<Pending | null>(null);
  const activeRef = useRef(active);
  const leaving = useRef(false);
  const armedBack = useRef(false);

  useEffect(() => {
    activeRef.current = active;
    if (!active) return;
    if (!armedBack.current) {
      window.history.pushState(window.history.state, "", window.location.href);
      armedBack.current = true;
    }
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      if (leaving.current) return;
      event.preventDefault();
      event.returnValue = "";
    };
    const onClick = (event: MouseEvent) => {
      if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
      const anchor = event.target instanceof Element ? event.target.closest("a[href]") : null;
      if (!(anchor instanceof HTMLAnchorElement) || (anchor.target && anchor.target !== "_self") || anchor.hasAttribute("download")) return;
      const url = new URL(anchor.href, window.location.href);
      const here = window.location;
      if (url.origin === here.origin && url.pathname === here.pathname && url.search === here.search) return;
      event.preventDefault();
      event.stopPropagation();
      setPending({ kind: "link", href: url.origin === here.origin ? url.pathname + url.search + url.hash : url.href, sameOrigin: url.origin === here.origin });
    };
    document.addEventListener("click", onClick, true);
    window.addEventListener("beforeunload", onBeforeUnload);
    return () => {
      document.removeEventListener("click", onClick, true);
      window.removeEventListener("beforeunload", onBeforeUnload);
    };
  }, [active]);

  // Back onto the copy of this page: ask while there are changes; otherwise step over the copy.
  useEffect(() => {
    const onPopState = () => {
      if (!armedBack.current || leaving.current) return;
      armedBack.current = false;
      if (activeRef.current) setPending({ kind: "back" });
      else window.history.back();
    };
    window.addEventListener("popstate", onPopState);
    return () => window.removeEventListener("popstate", onPopState);
  }, []);

  function leave() {
    const target = pending;
    setPending(null);
    if (!target) return;
    leaving.current = true;
    if (target.kind === "back") window.history.back();
    else if (target.sameOrigin) router.push(target.href);
    else window.location.assign(target.href);
  }

  function stay() {
    if (pending?.kind === "back" && !armedBack.current) {
      window.history.pushState(window.history.state, "", window.location.href);
      armedBack.current = true;
    }
    setPending(null);
  }

  return { pending: pending !== null, leave, stay };
}
