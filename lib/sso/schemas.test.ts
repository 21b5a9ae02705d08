import { describe, expect, it } from "vitest";
import { acsUrlProblem, samlSettingsInput } from "./schemas";

describe("SAML settings input", () => {
  it.each([
    ["https://acme.atlassian.net/saml/acs", null],
    ["http://127.0.0.1:4010/acs", null],
    ["http://localhost:4010/acs", null],
    ["http://[::1]:4010/acs", null],
    ["http://acme.atlassian.net/acs", /https:\/\//],
    ["ftp://acme.example/acs", /https:\/\//],
    ["https://user:pw@acme.example/acs", /user names/],
    ["https://acme.example/acs#x", /#/],
    ["acme.example/acs", /not a valid URL/],
  ])("ACS URL %s", (url, problem) => {
    const found = acsUrlProblem(url);
    if (problem === null) expect(found).toBeNull();
    else expect(found).toMatch(problem);
  });

  it("defaults to the e-mail NameID from what provisioning sends as userName, with no attributes", () => {
    expect(samlSettingsInput.parse({ enabled: true, spEntityId: " https://sp.example ", acsUrl: "https://sp.example/acs" })).toEqual({
      enabled: true,
      spEntityId: "https://sp.example",
      acsUrl: "https://sp.example/acs",
      nameIdFormat: "EMAIL",
      nameIdSource: "userName",
      attributes: [],
    });
  });

  it("refuses an attribute with both or neither source, and a name used twice", () => {
    const base = { enabled: true, spEntityId: "https://sp.example", acsUrl: "https://sp.example/acs" };
    const both = samlSettingsInput.safeParse({ ...base, attributes: [{ name: "a", sourceField: "email", hardcodedValue: "x" }] });
    expect(both.success).toBe(false);
    const twice = samlSettingsInput.safeParse({
      ...base,
      attributes: [
        { name: "a", sourceField: "email", hardcodedValue: null },
        { name: "a", sourceField: "firstName", hardcodedValue: null },
      ],
    });
    expect(twice.error?.issues[0]?.message).toBe("Each attribute name can be used once.");
  });
});
