import { PagerButtons } from "@/components/ui/pager-buttons";

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
  return (
    <nav aria-label="Pages" className="flex items-center justify-between border-t border-zinc-100 px-4 py-3 text-sm text-zinc-500">
      <span>
        {shown.toLocaleString("en-US")} {shown === 1 ? "entry" : "entries"} on this page, newest first{paged ? "" : "; new entries appear by themselves"}
      </span>
      <PagerButtons basePath={basePath} query={query} paged={paged} nextCursor={nextCursor} keepOlder />
    </nav>
  );
}
