import { describe, expect, it } from "vitest";
import { saveMappingInput } from "./provisioning";

const appId = "3f0b8a52-2a7e-4c0e-9a41-0d2b5f3c9e10";
const rule = (transforms: unknown) => ({ target: "displayName", sourceField: "firstName", hardcodedValue: null, transforms });

/** What the save action answers for a request, as the person sees it. */
function problems(rules: unknown[]) {
  const result = saveMappingInput.safeParse({ appId, rules });
  return result.success ? [] : result.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
}

describe("saveMappingInput with transforms (the server action's schema)", () => {
  it("accepts a rule without transforms, as older clients send it", () => {
    expect(problems([{ target: "userName", sourceField: "email", hardcodedValue: null }])).toEqual([]);
  });

  it("accepts a join, lower case and replace", () => {
    expect(
      problems([rule([{ kind: "join", fields: ["lastName"], separator: " " }, { kind: "lowercase" }, { kind: "replace", find: " ", with: "." }])]),
    ).toEqual([]);
  });

  it.each<[string, unknown, string]>([
    ["not a list", { kind: "lowercase" }, "rules.0.transforms: Send the transforms as a list of steps."],
    ["code to run", [{ kind: "script", source: "process.exit()" }], "rules.0.transforms.0.kind: Choose one of the listed transforms."],
    ["nine steps", Array.from({ length: 9 }, () => ({ kind: "uppercase" })), "rules.0.transforms: Use at most 8 transform steps."],
    ["a default of spaces", [{ kind: "default", value: "   " }], "rules.0.transforms.0.value: Enter the value to use when the field is empty."],
    ["a huge N", [{ kind: "firstCharacters", count: 1e9 }], "rules.0.transforms.0.count: Keep at most 500 characters."],
  ])("refuses %s, in plain words, where it is", (_label, transforms, expected) => {
    expect(problems([rule(transforms)]).join("\n")).toContain(expected);
  });
});
