import { describe, expect, it } from "vitest";
import { listQueryRefusalPage, refuseListQuery } from "./list-query";

const cursor = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
const refusal = (query: string) => refuseListQuery(new URLSearchParams(query));

describe("refuseListQuery", () => {
  it.each([
    ["", null],
    ["q=ada%20lovelace", null],
    [`q=${"a".repeat(200)}`, null],
    [`after=${cursor({ lastName: "Lee", id: "x" })}`, null],
    [`before=${cursor({ createdAt: "2026-01-01T00:00:00.000Z" })}`, null],
    ["after=", null],
  ])("lets %s through", (query, expected) => {
    expect(refusal(query)).toBe(expected);
  });

  it.each(["q=%00", "q=a%0Ab", "q=%7F", "q=%01"])("refuses a control character in the search (%s)", (query) => {
    expect(refusal(query)).toMatch(/^The search text holds a control character/);
  });

  it("refuses a search over the limit", () => {
    expect(refusal(`q=${"a".repeat(201)}`)).toBe("Keep the search under 200 characters.");
  });

  it.each(["after=garbage", "after=%25%25%25", "before=W10", `after=${cursor("text")}`, `after=${cursor(null)}`, `after=${"A".repeat(3000)}`, "after=%FF%FE"])(
    "refuses a cursor that is not base64url JSON of an object (%s)",
    (query) => {
      expect(refusal(query)).toMatch(/^This address points to a place in a list that Roster cannot read/);
    },
  );
});

describe("listQueryRefusalPage", () => {
  it("escapes what it shows", () => {
    const page = listQueryRefusalPage("a < b", '/users"><script>');
    expect(page).toContain("a &#60; b");
    expect(page).not.toContain("<script>");
  });
});
