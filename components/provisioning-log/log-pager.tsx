import Link from "next/link";
import { Button } from "@/components/ui/button";

/** Newest first, one page at a time: back to the newest, or on to older rows. */
export function LogPager({
  basePath,
  query,
  paged,
  nextCursor,
  shown,
}: {
  basePath: string;
  query: URLSearchParams;
  paged: boolean;
  nextCursor: string | null;
  shown: number;
}) {
  const href = (cursor: string | null) => {
    const next = new URLSearchParams(query);
    if (cursor) next.set("after", cursor);
    const text = next.toString();
    return text ? `${basePath}?${text}` : basePath;
  };
  return (
    <nav aria-label="Pages" className="flex items-center justify-between border-t border-zinc-100 px-4 py-3 text-sm text-zinc-500">
      <span>
        {shown.toLocaleString("en-US")} {shown === 1 ? "entry" : "entries"} on this page, newest first{paged ? "" : "; new entries appear by themselves"}
      </span>
      <div className="flex gap-2">
        {paged ? (
          <Button variant="secondary" size="sm" asChild>
            <Link href={href(null)}>Newest</Link>
          </Button>
        ) : null}
        {nextCursor ? (
          <Button variant="secondary" size="sm" asChild>
            <Link href={href(nextCursor)}>Older</Link>
          </Button>
        ) : (
          <Button variant="secondary" size="sm" disabled>
            Older
          </Button>
        )}
      </div>
    </nav>
  );
}
