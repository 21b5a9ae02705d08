import { ArrowDown, ArrowUp, ArrowUpDown } from "lucide-react";
import Link from "next/link";
import { Th } from "@/components/ui/table";

interface SortHeaderProps {
  label: string;
  sort: string;
  current: { sort: string; dir: "asc" | "desc" };
  /** The list's query string without sort, direction and cursors. */
  baseQuery: string;
  className?: string;
}

export function SortHeader({ label, sort, current, baseQuery, className }: SortHeaderProps) {
  const active = current.sort === sort;
  const nextDir = active && current.dir === "asc" ? "desc" : "asc";
  const Icon = active ? (current.dir === "asc" ? ArrowUp : ArrowDown) : ArrowUpDown;
  const query = new URLSearchParams(baseQuery);
  query.set("sort", sort);
  query.set("dir", nextDir);
  return (
    <Th className={className} aria-sort={active ? (current.dir === "asc" ? "ascending" : "descending") : "none"}>
      <Link href={`?${query.toString()}`} className="inline-flex items-center gap-1 hover:text-zinc-800">
        {label}
        <Icon aria-hidden className={`size-3 ${active ? "text-zinc-700" : "text-zinc-300"}`} />
      </Link>
    </Th>
  );
}
