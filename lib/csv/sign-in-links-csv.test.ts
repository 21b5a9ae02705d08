import { describe, expect, it } from "vitest";
import { signInLinksCsv } from "./sign-in-links-csv";

describe("signInLinksCsv", () => {
  it("writes a header and one row per link, quoting and neutralising cells", () => {
    const csv = signInLinksCsv([
      { name: "Lee, Dana", email: "dana@example.com", url: "https://roster.example/set-password/abc", expiresAt: new Date("2026-12-01T10:00:00Z") },
      { name: "=HYPERLINK()", email: "x@example.com", url: "https://roster.example/set-password/def", expiresAt: new Date("2026-12-01T10:00:00Z") },
    ]);
    expect(csv.split("\r\n")).toEqual([
      "Name,E-mail,Link,Expires (UTC)",
      '"Lee, Dana",dana@example.com,https://roster.example/set-password/abc,2026-12-01T10:00:00.000Z',
      "'=HYPERLINK(),x@example.com,https://roster.example/set-password/def,2026-12-01T10:00:00.000Z",
      "",
    ]);
  });
});
