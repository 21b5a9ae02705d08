import { describe, expect, it } from "vitest";
import { and, compare, eq, or, present, quoteFilterValue, valuePath } from "./build-filter.ts";

describe("quoteFilterValue", () => {
  it.each([
    ["plain text", "alice@example.com", '"alice@example.com"'],
    ["a double quote", 'o"brien@example.com', '"o\\"brien@example.com"'],
    ["a backslash", "dom\\alice", '"dom\\\\alice"'],
    ["a quote after a backslash", 'a\\"b', '"a\\\\\\"b"'],
    ["a trailing backslash", "alice\\", '"alice\\\\"'],
    ["a newline and a tab", "a\nb\tc", '"a\\nb\\tc"'],
    ["a control character", "a\u0001b", '"a\\u0001b"'],
    ["non-ASCII letters", "zoë@exämple.com", '"zoë@exämple.com"'],
    ["an empty string", "", '""'],
    ["an injection attempt", '" or userName pr or "', '"\\" or userName pr or \\""'],
    ["a number", 42, "42"],
    ["a negative decimal", -1.5, "-1.5"],
    ["true", true, "true"],
    ["false", false, "false"],
    ["null", null, "null"],
  ])("writes %s as a JSON literal", (_, value, expected) => {
    expect(quoteFilterValue(value)).toBe(expected);
  });

  it("reads back to the original value with JSON.parse", () => {
    const nasty = 'x"\\y\\"z\u2028\u0000';
    expect(JSON.parse(quoteFilterValue(nasty))).toBe(nasty);
  });

  it.each([Number.NaN, Number.POSITIVE_INFINITY])("refuses %s", (value) => {
    expect(() => quoteFilterValue(value)).toThrow(TypeError);
  });
});

describe("filter expressions", () => {
  it.each([
    [eq("userName", "alice@example.com"), 'userName eq "alice@example.com"'],
    [eq("externalId", 'ext"1'), 'externalId eq "ext\\"1"'],
    [eq("name.givenName", "Ann"), 'name.givenName eq "Ann"'],
    [
      eq("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department", "R&D"),
      'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department eq "R&D"',
    ],
    [eq("members.$ref", "x"), 'members.$ref eq "x"'],
    [eq("active", true), "active eq true"],
    [compare("meta.lastModified", "gt", "2024-01-01T00:00:00Z"), 'meta.lastModified gt "2024-01-01T00:00:00Z"'],
    [compare("userName", "sw", "a"), 'userName sw "a"'],
    [present("title"), "title pr"],
    [and(eq("userName", "a")), 'userName eq "a"'],
    [and(eq("userName", "a"), present("title")), '(userName eq "a") and (title pr)'],
    [or(eq("userName", "a"), eq("userName", "b")), '(userName eq "a") or (userName eq "b")'],
    [and(or(eq("a", 1), eq("b", 2)), eq("c", 3)), "((a eq 1) or (b eq 2)) and (c eq 3)"],
    [valuePath("members", eq("value", "2819c223")), 'members[value eq "2819c223"]'],
    [valuePath("emails", and(eq("type", "work"), eq("primary", true))), 'emails[(type eq "work") and (primary eq true)]'],
  ])("builds %s", (actual, expected) => {
    expect(actual).toBe(expected);
  });

  it.each([
    ["", "empty"],
    ["userName eq", "an operator in the name"],
    ['userName eq "x" or userName', "a whole expression"],
    ["1userName", "a leading digit"],
    ["name.given.name", "two sub-attributes"],
    ['emails[type eq "work"]', "a value filter"],
    ["user name", "a space"],
  ])("refuses the attribute path %j (%s)", (attribute) => {
    expect(() => eq(attribute, "x")).toThrow(TypeError);
  });

  it("refuses a sub-attribute as the target of a value filter", () => {
    expect(() => valuePath("emails.value", eq("type", "work"))).toThrow(TypeError);
  });

  it.each([and, or])("refuses to join no filters", (join) => {
    expect(() => join()).toThrow(TypeError);
  });
});
