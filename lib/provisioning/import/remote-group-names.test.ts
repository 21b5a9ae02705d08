import { describe, expect, it } from "vitest";
import { remoteGroupNames } from "./remote-group-names";

describe("remoteGroupNames", () => {
  it.each<[string, { display?: string; value?: string }[] | undefined, string[]]>([
    ["no groups attribute", undefined, []],
    ["an empty list", [], []],
    [
      "Atlassian's references, in order",
      [
        { value: "g1", display: "jira-software-users" },
        { value: "g2", display: "Engineering" },
      ],
      ["jira-software-users", "Engineering"],
    ],
    ["names trimmed", [{ value: "g1", display: "  Engineering " }], ["Engineering"]],
    [
      "blank and missing names dropped",
      [{ value: "g1", display: "" }, { value: "g2", display: "   " }, { value: "g3" }, { value: "g4", display: "Design" }],
      ["Design"],
    ],
    [
      "a name repeated in another case kept once, as first spelt",
      [
        { value: "g1", display: "Engineering" },
        { value: "g2", display: "ENGINEERING" },
        { value: "g1", display: "Engineering" },
      ],
      ["Engineering"],
    ],
  ])("%s", (_, groups, expected) => {
    expect(remoteGroupNames(groups)).toEqual(expected);
  });
});
