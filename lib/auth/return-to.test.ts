import { describe, expect, it } from "vitest";
import { carryReturnTo, returnToOr, safeReturnTo } from "./return-to";

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

describe("carryReturnTo", () => {
  it("carries an app's waiting request through a sign-in step as ?next=, encoded whole", () => {
    const request = "/sso/saml/o/apps/a?SAMLRequest=abc%2B%3D&RelayState=x";
    const path = carryReturnTo("/sign-in/two-step", request);
    expect(path).toBe("/sign-in/two-step?next=%2Fsso%2Fsaml%2Fo%2Fapps%2Fa%3FSAMLRequest%3Dabc%252B%253D%26RelayState%3Dx");
    // What the next page reads back is the same request, still safe.
    expect(safeReturnTo(new URL(path, "http://roster.invalid").searchParams.get("next"))).toBe(request);
  });

  it.each([[null], [undefined], [""], ["/users"], ["https://evil.example/sso/saml/x"], ["/sso/saml/../../users"]])(
    "carries nothing unsafe (%s): the step alone",
    (value) => {
      expect(carryReturnTo("/sign-in/two-step/setup", value)).toBe("/sign-in/two-step/setup");
    },
  );
});

describe("returnToOr", () => {
  it("goes back to the app's waiting request when it is safe", () => {
    expect(returnToOr("/my-apps", "/sso/saml/o/apps/a?SAMLRequest=abc")).toBe("/sso/saml/o/apps/a?SAMLRequest=abc");
  });

  it.each([[null], ["/users"], ["//evil.example/sso/saml/x"], ["/sso/saml/%2e%2e/%2e%2e/users"]])("lands on the landing page instead of %s", (value) => {
    expect(returnToOr("/my-apps", value)).toBe("/my-apps");
  });
});
