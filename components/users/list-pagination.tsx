import Link from "next/link";
import { Button } from "@/components/ui/button";

interface ListPaginationProps {
  summary: string;
  baseQuery: string;
  previousCursor: string | null;
  nextCursor: string | null;
}

export function ListPagination({ summary, baseQuery, previousCursor, nextCursor }: ListPaginationProps) {
  const href = (key: "after" | "before", cursor: string) => {
    const query = new URLSearchParams(baseQuery);
    query.set(key, cursor);
    return `?${query.toString()}`;
  };
  return (
    <nav aria-label="Pages" className="flex items-center justify-between border-t border-zinc-100 px-4 py-3 text-sm text-zinc-500">
      <span>{summary}</span>
      <div className="flex gap-2">
        {previousCursor ? (
          <Button variant="secondary" size="sm" asChild>
            <Link href={href("before", previousCursor)}>Previous</Link>
          </Button>
        ) : (
          <Button variant="secondary" size="sm" disabled>
            Previous
          </Button>
        )}
        {nextCursor ? (
          <Button variant="secondary" size="sm" asChild>
            <Link href={href("after", nextCursor)}>Next</Link>
          </Button>
        ) : (
          <Button variant="secondary" size="sm" disabled>
            Next
          </Button>
        )}
      </div>
    </nav>
  );
}
