import { describe, expect, it } from "vitest";
import type { MappingRuleInput } from "@/lib/provisioning/schemas/provisioning";
import { changedTargets } from "./mapping-changes";

const field = (target: string, sourceField: string, transforms: MappingRuleInput["transforms"] = []): MappingRuleInput => ({
  target,
  sourceField,
  hardcodedValue: null,
  transforms,
});
const saved = [field("userName", "email"), field("displayName", "displayName"), field("title", "title")];

describe("changedTargets: what the unsaved-changes bar counts", () => {
  it.each<[string, MappingRuleInput[], string[]]>([
    ["nothing edited", saved, []],
    ["the same rules in another order", [...saved].reverse(), []],
    ["a plain field and an empty list of transforms are the same", [field("userName", "email", undefined), ...saved.slice(1)], []],
    ["another field", [field("userName", "employeeId"), ...saved.slice(1)], ["userName"]],
    ["a transform added", [field("userName", "email", [{ kind: "lowercase" }]), ...saved.slice(1)], ["userName"]],
    ["a hardcoded value", [...saved.slice(0, 2), { target: "title", sourceField: null, hardcodedValue: "Staff", transforms: [] }], ["title"]],
    ["an attribute no longer mapped", saved.slice(0, 2), ["title"]],
    ["an attribute newly mapped", [...saved, field("nickName", "firstName")], ["nickName"]],
    ["two changes", [field("userName", "mobile"), field("displayName", "fullName"), saved[2]!], ["userName", "displayName"]],
  ])("%s", (_label, edited, expected) => {
    expect(changedTargets(saved, edited)).toEqual(expected);
  });

  it("sees a change inside a step", () => {
    const before = [field("userName", "email", [{ kind: "firstCharacters", count: 5 }])];
    expect(changedTargets(before, [field("userName", "email", [{ kind: "firstCharacters", count: 6 }])])).toEqual(["userName"]);
  });
});
