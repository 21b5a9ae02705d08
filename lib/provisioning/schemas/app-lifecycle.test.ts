import { describe, expect, it } from "vitest";
import { addAppInput, normaliseEndpoint } from "./app-lifecycle";

describe("normaliseEndpoint", () => {
  it.each([
    ["https://api.atlassian.com/scim/directory/abc", "https://api.atlassian.com/scim/directory/abc"],
    ["https://API.Atlassian.com/scim/directory/abc/", "https://api.atlassian.com/scim/directory/abc"],
    ["  HTTPS://api.atlassian.com:443/scim/directory/abc//  ", "https://api.atlassian.com/scim/directory/abc"],
    ["http://127.0.0.1:4010/scim/v2", "http://127.0.0.1:4010/scim/v2"],
    ["https://api.atlassian.com/SCIM/Directory/abc", "https://api.atlassian.com/SCIM/Directory/abc"],
    ["https://example.com/", "https://example.com"],
    ["not a url", null],
    ["ftp://example.com/scim", null],
  ])("%s → %s", (input, expected) => {
    expect(normaliseEndpoint(input)).toBe(expected);
  });
});

describe("addAppInput", () => {
  it("trims the name and refuses an empty or overlong one", () => {
    expect(addAppInput.parse({ catalogKey: "atlassian", name: "  Atlassian 2  " }).name).toBe("Atlassian 2");
    expect(addAppInput.safeParse({ catalogKey: "atlassian", name: "   " }).success).toBe(false);
    expect(addAppInput.safeParse({ catalogKey: "atlassian", name: "x".repeat(81) }).success).toBe(false);
    expect(addAppInput.safeParse({ catalogKey: "atlassian", name: "x".repeat(80) }).success).toBe(true);
    expect(addAppInput.safeParse({ catalogKey: "atlassian", name: "two\nlines" }).success).toBe(false);
  });
});
