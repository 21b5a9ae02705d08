import { ScimProblem, invalidFilter } from "./scim-problem.ts";

export interface ListQuery {
  filter?: { attribute: string; value: string };
  startIndex: number;
  count: number;
}

/** Atlassian answers at most 100 resources per page, whatever `count` asks for. */
export const MAX_PAGE_SIZE = 100;

const EQ_FILTER = /^\s*([a-z][\w.:-]*)\s+eq\s+("(?:[^"\\]|\\.)*")\s*$/i;
/** `<attribute> <operator>`, the start of any comparison or `pr`, to name the operator a server refuses. */
const COMPARISON = /^\s*\(?\s*[a-z][\w.:$-]*\s+([a-z]{2})\b/i;

export interface ListQueryRules {
  /** The `onlyEqFilters` quirk: any operator other than eq is refused before the attribute is even looked at. */
  onlyEq?: boolean;
}

/**
 * Reads `filter`, `startIndex` and `count` the way Atlassian does: only `<attribute> eq "<value>"`
 * on the given attributes (anything else is an invalid filter), a 1-based startIndex where values
 * below 1 mean 1 (RFC 7644 §3.4.2.4), and a count capped at 100.
 */
export function parseListQuery(query: URLSearchParams, filterable: readonly string[], rules: ListQueryRules = {}): ListQuery {
  return {
    filter: parseFilter(query.get("filter"), filterable, rules),
    startIndex: Math.max(1, integerOr(query.get("startIndex"), 1)),
    count: Math.min(MAX_PAGE_SIZE, Math.max(0, integerOr(query.get("count"), MAX_PAGE_SIZE))),
  };
}

function parseFilter(text: string | null, filterable: readonly string[], rules: ListQueryRules): ListQuery["filter"] {
  if (text === null) return undefined;
  const operator = COMPARISON.exec(text)?.[1]?.toLowerCase();
  if (rules.onlyEq && operator !== "eq") {
    throw new ScimProblem(400, `Only the eq operator is supported in filters${operator ? `, not ${operator}` : ""}.`, "invalidFilter");
  }
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

/** The requested page; with `pastEndRepeatsFirst` (the quirk), a startIndex past the end gets the first page again, as SCIMMY does. */
export function pageOf<T>(items: readonly T[], { startIndex, count }: ListQuery, { pastEndRepeatsFirst = false } = {}): T[] {
  const start = pastEndRepeatsFirst && startIndex > items.length ? 1 : startIndex;
  return items.slice(start - 1, start - 1 + count);
}
