import { describe, expect, it } from "vitest";
import { pageOf, parseListQuery } from "./parse-list-query.ts";
import { ScimProblem } from "./scim-problem.ts";

const parse = (query: string) => parseListQuery(new URLSearchParams(query), ["userName", "externalId"]);

describe("parseListQuery", () => {
  it.each([
    ["nothing", "", { startIndex: 1, count: 100 }],
    ["a page", "startIndex=101&count=50", { startIndex: 101, count: 50 }],
    ["a count above the cap", "count=500", { startIndex: 1, count: 100 }],
    ["a zero count (totals only)", "count=0", { startIndex: 1, count: 0 }],
    ["a negative count", "count=-3", { startIndex: 1, count: 0 }],
    ["a startIndex below 1", "startIndex=0", { startIndex: 1, count: 100 }],
    ["numbers that are not integers", "startIndex=abc&count=2.5", { startIndex: 1, count: 100 }],
  ])("reads %s", (_, query, expected) => {
    expect(parse(query)).toMatchObject(expected);
  });

  it.each([
    ['userName eq "dana@example.com"', { attribute: "userName", value: "dana@example.com" }],
    ['USERNAME EQ "Dana@Example.com"', { attribute: "userName", value: "Dana@Example.com" }],
    ['  externalId eq "ext-1"  ', { attribute: "externalId", value: "ext-1" }],
    ['userName eq "o\\"brien\\\\x"', { attribute: "userName", value: 'o"brien\\x' }],
    ['userName eq "caf\\u00e9"', { attribute: "userName", value: "café" }],
    ['userName eq ""', { attribute: "userName", value: "" }],
  ])("accepts the filter %s", (filter, expected) => {
    expect(parse(`filter=${encodeURIComponent(filter)}`).filter).toEqual(expected);
  });

  it.each([
    'emails.value eq "a@example.com"',
    'displayName eq "Dana"',
    'userName co "dana"',
    'userName sw "d"',
    "userName pr",
    "userName eq dana",
    'userName eq "a" and externalId eq "b"',
    'userName eq "a" or userName eq "b"',
    '(userName eq "a")',
    'userName eq "unterminated',
    'userName eq "bad \\x escape"',
    "",
  ])("refuses the filter %j as Atlassian does", (filter) => {
    expect(() => parse(`filter=${encodeURIComponent(filter)}`)).toThrow(
      expect.objectContaining({ status: 400, scimType: "invalidFilter", detail: "Caller has provided an invalid filter" }),
    );
    expect(() => parse(`filter=${encodeURIComponent(filter)}`)).toThrow(ScimProblem);
  });

  it.each([
    [{ startIndex: 1, count: 2 }, ["a", "b"]],
    [{ startIndex: 4, count: 10 }, ["d", "e"]],
    [{ startIndex: 6, count: 10 }, []],
    [{ startIndex: 1, count: 0 }, []],
  ])("pageOf %o", (query, expected) => {
    expect(pageOf(["a", "b", "c", "d", "e"], query)).toEqual(expected);
  });
});
