import { Search, X } from "lucide-react";
import { SEARCH_MAX_LENGTH } from "@/lib/http/search-text";
import { cn } from "./class-names";
import { Input } from "./input";

interface SearchFieldProps {
  value: string;
  onChange: (value: string) => void;
  label: string;
  placeholder: string;
  className?: string;
}

/** A search box with its icon and a clear button. */
export function SearchField({ value, onChange, label, placeholder, className }: SearchFieldProps) {
  return (
    <div className={cn("relative flex-1", className)}>
      <Search aria-hidden className="pointer-events-none absolute top-2.5 left-3 size-4 text-zinc-400" />
      <Input
        type="search"
        maxLength={SEARCH_MAX_LENGTH}
        aria-label={label}
        placeholder={placeholder}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        className="pl-9"
      />
      {value ? (
        <button
          type="button"
          aria-label="Clear search"
          onClick={() => onChange("")}
          className="absolute top-1.5 right-2 rounded p-1 text-zinc-400 hover:text-zinc-600"
        >
          <X aria-hidden className="size-4" />
        </button>
      ) : null}
    </div>
  );
}
