import type { LucideIcon } from "lucide-react";
import Link from "next/link";
import type { ReactNode } from "react";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PagerButtons } from "@/components/ui/pager-buttons";

interface Props {
  /** The log's address, without a query. */
  basePath: string;
  /** The filters that are set (the page's query without its cursor). */
  query: URLSearchParams;
  toolbar: ReactNode;
  /** What a row is, as counted in the footer ("1 event", "3 events") and named in the empty state. */
  noun: { one: string; many: string };
  icon: LucideIcon;
  /** The empty state's words while nothing has been recorded at all. */
  whatAppears: string;
  /** The page's rows: the table, or null when there are none. */
  children: ReactNode | null;
  total: { count: number; more: boolean };
  /** This is not the newest page. */
  paged: boolean;
  nextCursor: string | null;
}

/** The audit and sign-in logs' card: filters, then the rows with a counted footer, or an empty state that says what to do. */
export function EventLogCard({ basePath, query, toolbar, noun, icon, whatAppears, children, total, paged, nextCursor }: Props) {
  const filtered = query.size > 0;
  const one = total.count === 1 && !total.more;
  return (
    <Card>
      {toolbar}
      {children === null ? (
        <EmptyState icon={icon} title={filtered ? `No ${noun.many} match these filters` : `No ${noun.many} yet`}>
          {filtered ? (
            <>
              Change the search or widen the dates, or{" "}
              <Link href={basePath} className="font-medium text-brand-700 hover:underline">
                clear all filters
              </Link>
              .
            </>
          ) : (
            whatAppears
          )}
        </EmptyState>
      ) : (
        <>
          {children}
          <nav aria-label="Pages" className="flex flex-wrap items-center justify-between gap-2 border-t border-zinc-100 px-4 py-3 text-sm text-zinc-500">
            <span>
              {total.count.toLocaleString("en-US")}
              {total.more ? "+" : ""} {one ? noun.one : noun.many} {filtered ? (one ? "matches" : "match") : "in all"}, newest first
            </span>
            <PagerButtons basePath={basePath} query={query} paged={paged} nextCursor={nextCursor} />
          </nav>
        </>
      )}
    </Card>
  );
}
