import { describe, expect, it } from "vitest";
import { buildScimUser, mapValues, type MappingRule } from "./build-scim-user";
import type { DirectoryPerson } from "./directory-fields";
import { directoryValuesFromApp } from "./directory-values-from-app";
import { applyTransforms, transformSteps, type TransformStep } from "./transforms";

const zoë: DirectoryPerson = {
  id: "0d5c4d55-3f0e-4a55-9a3c-7a0f8f1c2b10",
  email: "Zoe.Muller@Halden.example",
  firstName: "Zoë",
  lastName: "Müller-Ødegård",
  displayName: null,
  employeeId: null,
  title: "  ",
  department: "Sales",
  mobile: null,
  locale: "de-DE",
  timezone: null,
  status: "ACTIVE",
};
const context = { organizationName: "Halden & Co" };

describe("applyTransforms: each step, in order", () => {
  it.each<[string, string | null, TransformStep[], string]>([
    ["no steps keep the value", "Dana", [], "Dana"],
    ["no steps turn a missing value into empty", null, [], ""],
    ["join with a space", "Zoë", [{ kind: "join", fields: ["lastName"], separator: " " }], "Zoë Müller-Ødegård"],
    ["join several fields", "Zoë", [{ kind: "join", fields: ["lastName", "department"], separator: " / " }], "Zoë / Müller-Ødegård / Sales"],
    ["join leaves out empty and missing fields", "Zoë", [{ kind: "join", fields: ["mobile", "title", "lastName"], separator: "." }], "Zoë.Müller-Ødegård"],
    ["join onto an empty value has no leading separator", "", [{ kind: "join", fields: ["lastName"], separator: "-" }], "Müller-Ødegård"],
    ["join with an empty separator", "Zoë", [{ kind: "join", fields: ["lastName"], separator: "" }], "ZoëMüller-Ødegård"],
    ["join with derived fields", "x", [{ kind: "join", fields: ["organizationName"], separator: "@" }], "x@Halden & Co"],
    ["lower case", "Zoë MÜLLER", [{ kind: "lowercase" }], "zoë müller"],
    ["upper case", "zoë straße", [{ kind: "uppercase" }], "ZOË STRASSE"],
    ["lower case of empty", "", [{ kind: "lowercase" }], ""],
    ["default when empty", "", [{ kind: "default", value: "Staff" }], "Staff"],
    ["default when missing", null, [{ kind: "default", value: "Staff" }], "Staff"],
    ["default when blank (spaces only)", "   ", [{ kind: "default", value: "Staff" }], "Staff"],
    ["default leaves a value alone", "Engineer", [{ kind: "default", value: "Staff" }], "Engineer"],
    ["part before @", "Zoe.Muller@Halden.example", [{ kind: "emailLocalPart" }], "Zoe.Muller"],
    ["part before the first @ only", "a@b@c", [{ kind: "emailLocalPart" }], "a"],
    ["part before @ without an @ keeps the value", "no-at-sign", [{ kind: "emailLocalPart" }], "no-at-sign"],
    ["part before @ of a value starting with @ is empty", "@halden", [{ kind: "emailLocalPart" }], ""],
    ["first N characters", "Müller-Ødegård", [{ kind: "firstCharacters", count: 6 }], "Müller"],
    ["first N larger than the value keeps it whole", "Zoë", [{ kind: "firstCharacters", count: 50 }], "Zoë"],
    ["first N counts an emoji as one character", "👩‍💻dev", [{ kind: "firstCharacters", count: 1 }], "👩‍💻"],
    ["first N keeps a combining accent with its letter", "e\u0301cole", [{ kind: "firstCharacters", count: 1 }], "e\u0301"],
    ["first N of empty", "", [{ kind: "firstCharacters", count: 3 }], ""],
    ["replace every occurrence", "a.b.c", [{ kind: "replace", find: ".", with: "-" }], "a-b-c"],
    ["replace with empty removes", "Müller-Ødegård", [{ kind: "replace", find: "-", with: "" }], "MüllerØdegård"],
    ["replace is literal, not a pattern", "a.*b", [{ kind: "replace", find: ".*", with: "+" }], "a+b"],
    ["replace does not expand $ patterns", "abc", [{ kind: "replace", find: "b", with: "$&$&$1" }], "a$&$&$1c"],
    ["replace is case-sensitive", "Sales sales", [{ kind: "replace", find: "sales", with: "S" }], "Sales S"],
    ["replace with text not found keeps the value", "Sales", [{ kind: "replace", find: "x", with: "y" }], "Sales"],
    ["replace unicode", "Ødegård", [{ kind: "replace", find: "Ø", with: "O" }], "Odegård"],
    [
      "steps run in order: before @, lower case, replace dots",
      "Zoe.Muller@Halden.example",
      [{ kind: "emailLocalPart" }, { kind: "lowercase" }, { kind: "replace", find: ".", with: "_" }],
      "zoe_muller",
    ],
    [
      "order matters: a default after first N",
      "",
      [
        { kind: "firstCharacters", count: 2 },
        { kind: "default", value: "n/a" },
      ],
      "n/a",
    ],
    [
      "order matters: first N after a default",
      "",
      [
        { kind: "default", value: "n/a" },
        { kind: "firstCharacters", count: 1 },
      ],
      "n",
    ],
    [
      "join then lower case then cut",
      "Zoë",
      [{ kind: "join", fields: ["lastName"], separator: "." }, { kind: "lowercase" }, { kind: "firstCharacters", count: 10 }],
      "zoë.müller",
    ],
  ])("%s", (_label, value, steps, expected) => {
    expect(applyTransforms(value, steps, zoë, context)).toBe(expected);
  });
});

describe("transforms in the mapping", () => {
  const rule = (source: MappingRule["source"]): MappingRule[] => [{ target: "userName", source }];

  it("sends the transformed value", () => {
    const rules = rule({ field: "firstName", transforms: [{ kind: "join", fields: ["lastName"], separator: "." }, { kind: "lowercase" }] });
    expect(buildScimUser(zoë, rules, context).userName).toBe("zoë.müller-ødegård");
  });

  it("trims the result and leaves an empty result out", () => {
    expect(mapValues(zoë, rule({ field: "title", transforms: [{ kind: "uppercase" }] }), context)).toEqual({});
    expect(mapValues(zoë, rule({ field: "email", transforms: [{ kind: "replace", find: "Zoe.Muller@Halden.example", with: "" }] }), context)).toEqual({});
    expect(mapValues(zoë, rule({ field: "firstName", transforms: [{ kind: "join", fields: ["department"], separator: "  " }] }), context)).toEqual({
      userName: "Zoë  Sales",
    });
  });

  it("fills an empty field with the default", () => {
    expect(mapValues(zoë, rule({ field: "title", transforms: [{ kind: "default", value: "Staff" }] }), context)).toEqual({ userName: "Staff" });
  });

  it("an empty list of transforms is the plain field", () => {
    expect(mapValues(zoë, rule({ field: "department", transforms: [] }), context)).toEqual({ userName: "Sales" });
  });

  it("import never writes a transformed value back to the directory field", () => {
    const rules: MappingRule[] = [
      { target: "userName", source: { field: "email", transforms: [{ kind: "lowercase" }] } },
      { target: "name.givenName", source: { field: "firstName" } },
    ];
    expect(directoryValuesFromApp({ userName: "zoe.muller@halden.example", "name.givenName": "Zoë" }, rules)).toEqual({ firstName: "Zoë" });
  });
});

describe("transformSteps: bad input gets plain words", () => {
  const messages = (input: unknown) => {
    const result = transformSteps.safeParse(input);
    return result.success ? [] : result.error.issues.map((issue) => issue.message);
  };

  it.each<[string, unknown, string]>([
    ["an unknown kind", [{ kind: "eval", code: "1+1" }], "Choose one of the listed transforms."],
    ["a regex kind does not exist", [{ kind: "regex", pattern: ".*" }], "Choose one of the listed transforms."],
    ["too many steps", Array.from({ length: 9 }, () => ({ kind: "lowercase" })), "Use at most 8 transform steps."],
    ["join without fields", [{ kind: "join", fields: [], separator: " " }], "Choose at least one field to join."],
    [
      "join with too many fields",
      [{ kind: "join", fields: ["email", "firstName", "lastName", "title", "department", "mobile"], separator: "" }],
      "Join at most 5 fields.",
    ],
    ["join with an unknown field", [{ kind: "join", fields: ["passwordHash"], separator: " " }], "Choose one of the directory fields in the list."],
    ["a long separator", [{ kind: "join", fields: ["lastName"], separator: "x".repeat(11) }], "Keep the separator to 10 characters or fewer."],
    [
      "a separator with a line break",
      [{ kind: "join", fields: ["lastName"], separator: "\n" }],
      "The separator cannot contain line breaks or control characters.",
    ],
    ["an empty default", [{ kind: "default", value: "  " }], "Enter the value to use when the field is empty."],
    ["a long default", [{ kind: "default", value: "x".repeat(501) }], "Keep the default value under 500 characters."],
    ["zero characters", [{ kind: "firstCharacters", count: 0 }], "Keep at least 1 character."],
    ["a fraction of characters", [{ kind: "firstCharacters", count: 2.5 }], "Enter a whole number of characters."],
    ["too many characters", [{ kind: "firstCharacters", count: 501 }], "Keep at most 500 characters."],
    ["characters as text", [{ kind: "firstCharacters", count: "5" }], "Enter how many characters to keep, as a number."],
    ["replace nothing", [{ kind: "replace", find: "", with: "x" }], "Enter the text to find."],
    ["replace a long text", [{ kind: "replace", find: "x".repeat(101), with: "" }], "Keep the text to find under 100 characters."],
    ["a long replacement", [{ kind: "replace", find: "x", with: "y".repeat(101) }], "Keep the replacement under 100 characters."],
    ["a replacement with a tab", [{ kind: "replace", find: "x", with: "\t" }], "The replacement cannot contain line breaks or control characters."],
  ])("%s", (_label, input, expected) => {
    expect(messages(input)).toContain(expected);
  });

  it("accepts every kind with good values, and drops unknown keys", () => {
    const steps = [
      { kind: "join", fields: ["lastName"], separator: " " },
      { kind: "lowercase" },
      { kind: "uppercase" },
      { kind: "default", value: " Staff " },
      { kind: "emailLocalPart", extra: "ignored" },
      { kind: "firstCharacters", count: 8 },
      { kind: "replace", find: ".", with: "" },
    ];
    const parsed = transformSteps.parse(steps);
    expect(parsed).toHaveLength(7);
    expect(parsed[3]).toEqual({ kind: "default", value: "Staff" });
    expect(parsed[4]).toEqual({ kind: "emailLocalPart" });
  });
});
