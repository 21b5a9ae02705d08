"use client";

import { useEffect, useRef, type ReactNode } from "react";
import { cn } from "./class-names";
import { takeFocusRequest } from "./focus-requests";

/**
 * A heading that takes focus when it appears, so keyboard and screen-reader users start there: always (`when` true,
 * a wizard step's heading) or only when `requestFocus(when)` asked for it (a fetch's result, after the fetch).
 */
export function FocusHeading({ children, className, when }: { children: ReactNode; className?: string; when: true | string }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (when === true || takeFocusRequest(when)) ref.current?.focus();
  }, [when]);
  return (
    <h2 ref={ref} tabIndex={-1} className={cn("outline-none", className)}>
      {children}
    </h2>
  );
}
