import { describe, expect, it } from "vitest";
import { checkVerification, verificationRecord } from "./verification-record";

const record = verificationRecord({ name: "example.com", verificationToken: "tok3n" });

describe("verificationRecord", () => {
  it("puts the token under _roster-verification", () => {
    expect(record).toEqual({ host: "_roster-verification.example.com", value: "roster-verification=tok3n" });
  });
});

describe("checkVerification", () => {
  it.each([
    ["the value among other TXT strings", { kind: "found" as const, values: ["v=spf1 -all", "roster-verification=tok3n"] }],
    ["the value with stray spaces", { kind: "found" as const, values: [" roster-verification=tok3n "] }],
  ])("verifies %s", (_name, lookup) => {
    expect(checkVerification(lookup, record)).toEqual({ verified: true });
  });

  it.each([
    [
      "no record",
      { kind: "none" as const },
      "There is no TXT record at _roster-verification.example.com yet. Add it at your DNS provider; new records can take up to an hour to appear, then verify again.",
    ],
    [
      "another value",
      { kind: "found" as const, values: ["roster-verification=old"] },
      "A TXT record exists at _roster-verification.example.com, but its value is not roster-verification=tok3n. Check that you copied the whole value, then verify again.",
    ],
    [
      "a DNS server that does not answer",
      { kind: "unreachable" as const },
      "The DNS server did not answer, so the record could not be checked. Try again in a few minutes.",
    ],
  ])("explains %s", (_name, lookup, reason) => {
    expect(checkVerification(lookup, record)).toEqual({ verified: false, reason });
  });
});
