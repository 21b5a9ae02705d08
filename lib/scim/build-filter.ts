/**
 * Builds SCIM filter expressions (RFC 7644 §3.4.2.2) without string concatenation at call sites.
 * Values are written as JSON literals, which is what the RFC's grammar expects: a user name
 * like `o"brien\x@example.com` becomes `"o\"brien\\x@example.com"`. Attribute paths are checked
 * against the grammar so that a caller cannot smuggle an operator in through a name.
 */

export type FilterValue = string | number | boolean | null;
export type ComparisonOperator = "eq" | "ne" | "co" | "sw" | "ew" | "gt" | "ge" | "lt" | "le";

// attrPath = [URI ":"] ATTRNAME *1subAttr, with "$ref" allowed as a name.
const ATTRIBUTE_PATH = /^(?:urn:[a-z0-9][a-z0-9.:_-]*:)?[a-z$][\w$-]*(?:\.[a-z$][\w$-]*)?$/i;
const ATTRIBUTE_NAME = /^(?:urn:[a-z0-9][a-z0-9.:_-]*:)?[a-z$][\w$-]*$/i;

export function quoteFilterValue(value: FilterValue): string {
  if (typeof value === "number" && !Number.isFinite(value)) {
    throw new TypeError(`A SCIM filter cannot compare with ${value}.`);
  }
  // JSON.stringify escapes quotes, backslashes and control characters exactly as RFC 8259 asks.
  return JSON.stringify(value);
}

export function compare(attribute: string, operator: ComparisonOperator, value: FilterValue): string {
  return `${checkedPath(attribute)} ${operator} ${quoteFilterValue(value)}`;
}

export function eq(attribute: string, value: FilterValue): string {
  return compare(attribute, "eq", value);
}

export function present(attribute: string): string {
  return `${checkedPath(attribute)} pr`;
}

export function and(...filters: string[]): string {
  return join("and", filters);
}

export function or(...filters: string[]): string {
  return join("or", filters);
}

/** A filter on the values of a multi-valued attribute, e.g. `members[value eq "2819c223"]`, as used in PATCH paths. */
export function valuePath(attribute: string, filter: string): string {
  if (!ATTRIBUTE_NAME.test(attribute)) throw invalidPath(attribute);
  return `${attribute}[${filter}]`;
}

function join(operator: "and" | "or", filters: string[]): string {
  if (filters.length === 0) throw new TypeError(`"${operator}" needs at least one filter.`);
  return filters.length === 1 ? (filters[0] as string) : filters.map((filter) => `(${filter})`).join(` ${operator} `);
}

function checkedPath(attribute: string): string {
  if (!ATTRIBUTE_PATH.test(attribute)) throw invalidPath(attribute);
  return attribute;
}

function invalidPath(attribute: string): TypeError {
  return new TypeError(`"${attribute}" is not a SCIM attribute path.`);
}
