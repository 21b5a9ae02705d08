import { invalidFilter } from "./scim-problem.ts";

export interface ListQuery {
  filter?: { attribute: string; value: string };
  startIndex: number;
  count: number;
}

/** Atlassian answers at most 100 resources per page, whatever `count` asks for. */
export const MAX_PAGE_SIZE = 100;

const EQ_FILTER = /^\s*([a-z][\w.:-]*)\s+eq\s+("(?:[^"\\]|\\.)*")\s*$/i;

/**
 * Reads `filter`, `startIndex` and `count` the way Atlassian does: only `<attribute> eq "<value>"`
 * on the given attributes (anything else is an invalid filter), a 1-based startIndex where values
 * below 1 mean 1 (RFC 7644 §3.4.2.4), and a count capped at 100.
 */
export function parseListQuery(query: URLSearchParams, filterable: readonly string[]): ListQuery {
  return {
    filter: parseFilter(query.get("filter"), filterable),
    startIndex: Math.max(1, integerOr(query.get("startIndex"), 1)),
    count: Math.min(MAX_PAGE_SIZE, Math.max(0, integerOr(query.get("count"), MAX_PAGE_SIZE))),
  };
}

function parseFilter(text: string | null, filterable: readonly string[]): ListQuery["filter"] {
  if (text === null) return undefined;
  const match = EQ_FILTER.exec(text);
  const attribute = filterable.find((name) => name.toLowerCase() === match?.[1]?.toLowerCase());
  if (!match || attribute === undefined) throw invalidFilter();
  try {
    return { attribute, value: JSON.parse(match[2] ?? "") as string };
  } catch {
    throw invalidFilter();
  }
}

function integerOr(text: string | null, fallback: number): number {
  const value = text === null ? Number.NaN : Number(text);
  return Number.isInteger(value) ? value : fallback;
}

export function pageOf<T>(items: readonly T[], { startIndex, count }: ListQuery): T[] {
  return items.slice(startIndex - 1, startIndex - 1 + count);
}
