import Link from "next/link";
import { Button } from "./button";

interface Props {
  /** The list's address, without a query. */
  basePath: string;
  /** The list's filters, kept on both links. */
  query: URLSearchParams;
  /** This is not the newest page (it has a cursor), so "Newest" leads back to it. */
  paged: boolean;
  nextCursor: string | null;
  /** On the last page, show "Older" disabled instead of leaving it out. */
  keepOlder?: boolean;
}

/** A newest-first list's paging buttons: back to the newest page, or on to older rows (`after` the cursor). */
export function PagerButtons({ basePath, query, paged, nextCursor, keepOlder = false }: Props) {
  const href = (cursor: string | null) => {
    const next = new URLSearchParams(query);
    if (cursor) next.set("after", cursor);
    const text = next.toString();
    return text ? `${basePath}?${text}` : basePath;
  };
  return (
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
      ) : keepOlder ? (
        <Button variant="secondary" size="sm" disabled>
          Older
        </Button>
      ) : null}
    </div>
  );
}
