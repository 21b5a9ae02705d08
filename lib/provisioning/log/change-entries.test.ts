import { describe, expect, it } from "vitest";
import { changeEntries, changesAsText } from "./change-entries";

describe("changeEntries", () => {
  it.each([
    ["nothing", null, []],
    ["not an object", "title", []],
    ["an array", [{ from: 1, to: 2 }], []],
    ["a change", { title: { from: "AE", to: "Senior AE" } }, [{ path: "title", from: "AE", to: "Senior AE" }]],
    ["a new value", { userName: { from: null, to: "dana@example.com" } }, [{ path: "userName", from: null, to: "dana@example.com" }]],
    ["a removed value", { title: { from: "AE", to: "" } }, [{ path: "title", from: "AE", to: null }]],
    ["booleans", { active: { from: true, to: false } }, [{ path: "active", from: "true", to: "false" }]],
    ["a bare value", { title: "AE" }, [{ path: "title", from: null, to: "AE" }]],
  ])("reads %s", (_name, changes, expected) => {
    expect(changeEntries(changes)).toEqual(expected);
  });
});

describe("changesAsText", () => {
  it("joins changes with the old value first and (empty) for a missing one", () => {
    expect(changesAsText(changeEntries({ title: { from: "AE", to: "Senior AE" }, mobile: { from: null, to: "+44 1" } }))).toBe(
      "title: AE → Senior AE; mobile: (empty) → +44 1",
    );
  });
});
