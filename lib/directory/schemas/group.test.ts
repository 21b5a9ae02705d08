import { describe, expect, it } from "vitest";
import { createGroupInput, updateGroupInput } from "./group";

const firstError = (input: unknown) => {
  const parsed = createGroupInput.safeParse(input);
  return parsed.success ? null : parsed.error.issues[0]!.message;
};

describe("a group's fields", () => {
  it.each([
    [{ name: "  Engineering  " }, { name: "Engineering", description: "" }],
    [
      { name: "R&D / Ops", description: "  Line one\nLine two  " },
      { name: "R&D / Ops", description: "Line one\nLine two" },
    ],
    [
      { name: "x".repeat(120), description: "d".repeat(1000) },
      { name: "x".repeat(120), description: "d".repeat(1000) },
    ],
  ])("accepts %j", (input, expected) => {
    expect(createGroupInput.parse(input)).toEqual(expected);
  });

  it.each([
    [{ name: "" }, "Enter a name for the group."],
    [{ name: "   " }, "Enter a name for the group."],
    [{ name: "x".repeat(121) }, "Keep the name under 120 characters."],
    [{ name: "Two\nlines" }, "The name cannot contain line breaks or control characters."],
    [{ name: "Nul\u0000" }, "The name cannot contain line breaks or control characters."],
    [{ name: "Fine", description: "d".repeat(1001) }, "Keep the description under 1,000 characters."],
    [{ name: "Fine", description: "bell\u0007" }, "The description cannot contain control characters."],
  ])("refuses %j in words", (input, message) => {
    expect(firstError(input)).toBe(message);
  });

  it("needs a group's id to edit one", () => {
    expect(updateGroupInput.safeParse({ id: "not-an-id", name: "A", description: "" }).error?.issues[0]?.message).toBe("That is not a group's id.");
  });
});
