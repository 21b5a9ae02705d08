import { describe, expect, it } from "vitest";
import { safeReturnTo } from "./return-to";

describe("safeReturnTo", () => {
  it.each([
    ["/sso/saml/7a11c0de-0000-4000-8000-00000000a001/start", "/sso/saml/7a11c0de-0000-4000-8000-00000000a001/start"],
    ["/sso/saml/o/apps/a?SAMLRequest=abc%2B%3D&RelayState=x", "/sso/saml/o/apps/a?SAMLRequest=abc%2B%3D&RelayState=x"],
  ])("keeps Roster's single sign-on address %s", (value, expected) => {
    expect(safeReturnTo(value)).toBe(expected);
  });

  it.each([
    [null],
    [""],
    ["/"],
    ["/users"],
    ["https://evil.example/sso/saml/x"],
    ["//evil.example/sso/saml/x"],
    ["/sso/saml/../../users"],
    ["/sso/saml/%2e%2e/%2e%2e/users"],
    ["/sso/saml/\\evil.example"],
    ["/sso/saml/x y"],
  ])("refuses %s", (value) => {
    expect(safeReturnTo(value)).toBeNull();
  });
});
