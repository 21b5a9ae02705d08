"use client";

import { Search, X } from "lucide-react";
import { SEARCH_MAX_LENGTH } from "@/lib/http/search-text";
import { cn } from "./class-names";
import { Input } from "./input";
import { useHydrated } from "./use-hydrated";

interface SearchFieldProps {
  value: string;
  onChange: (value: string) => void;
  label: string;
  placeholder: string;
  className?: string;
}

/**
 * A search box with its icon and a clear button (24 px square at least, a touch target WCAG 2.2 accepts). Disabled
 * until the page has hydrated: text typed into it before then would be dropped.
 */
export function SearchField({ value, onChange, label, placeholder, className }: SearchFieldProps) {
  const hydrated = useHydrated();
  return (
    <div className={cn("relative flex-1", className)}>
      <Search aria-hidden className="pointer-events-none absolute top-2.5 left-3 size-4 text-zinc-500" />
      <Input
        type="search"
        maxLength={SEARCH_MAX_LENGTH}
        aria-label={label}
        placeholder={placeholder}
        value={value}
        disabled={!hydrated}
        onChange={(event) => onChange(event.target.value)}
        className="pl-9"
      />
      {value ? (
        <button
          type="button"
          aria-label="Clear search"
          onClick={() => onChange("")}
          className="absolute top-1.5 right-1.5 inline-flex size-6 items-center justify-center rounded text-zinc-500 hover:text-zinc-700"
        >
          <X aria-hidden className="size-4" />
        </button>
      ) : null}
    </div>
  );
}
