import { DOMParser } from "@xmldom/xmldom";
import { describe, expect, it } from "vitest";
import { buildResponseXml, type ResponseValues } from "./response-template";

const NOW = new Date("2026-12-01T09:00:00.000Z");
const values: ResponseValues = {
  responseId: "_r1",
  assertionId: "_a1",
  issueInstant: NOW,
  issuer: "https://roster.example.com/sso/saml/org",
  destination: "https://acme.example/acs?x=1&y=2",
  inResponseTo: "_req1",
  audience: "https://acme.example/sp",
  nameIdFormat: "urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress",
  nameId: "dana@acme.example",
  notBefore: new Date(NOW.getTime() - 30_000),
  notOnOrAfter: new Date(NOW.getTime() + 300_000),
  authnInstant: NOW,
  sessionIndex: "_s1",
  authnContextClassRef: "urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport",
  attributes: [],
};
const parse = (xml: string) =>
  new DOMParser({
    errorHandler: {
      error: (m) => {
        throw new Error(m);
      },
      fatalError: (m) => {
        throw new Error(m);
      },
    },
  }).parseFromString(xml, "text/xml");
const NS = "urn:oasis:names:tc:SAML:2.0:assertion";

describe("the unsigned response", () => {
  it("is well-formed XML with every value in its place", () => {
    const document = parse(buildResponseXml(values));
    expect(document.documentElement!.getAttribute("Destination")).toBe(values.destination);
    expect(document.getElementsByTagNameNS(NS, "NameID")[0]!.textContent).toBe("dana@acme.example");
    expect(document.getElementsByTagNameNS(NS, "Conditions")[0]!.getAttribute("NotBefore")).toBe("2026-12-01T08:59:30.000Z");
    expect(document.getElementsByTagNameNS(NS, "AttributeStatement")).toHaveLength(0);
  });

  it("leaves InResponseTo out entirely for an IdP-initiated sign-in", () => {
    const xml = buildResponseXml({ ...values, inResponseTo: undefined });
    expect(xml).not.toContain("InResponseTo");
    parse(xml);
  });

  it("escapes values, so a name cannot add elements, attributes or placeholders", () => {
    const hostile = `</saml:NameID><saml:Evil a="1"/>{Audience}' "&`;
    const xml = buildResponseXml({ ...values, nameId: hostile, attributes: [{ name: 'x" Evil="1', value: "{NameID}<b>\u0007" }] });
    const document = parse(xml);
    expect(document.getElementsByTagNameNS(NS, "NameID")[0]!.textContent).toBe(hostile);
    expect(document.getElementsByTagNameNS(NS, "Evil")).toHaveLength(0);
    const attribute = document.getElementsByTagNameNS(NS, "Attribute")[0]!;
    expect(attribute.getAttribute("Name")).toBe('x" Evil="1');
    expect(attribute.textContent).toBe("{NameID}<b>");
  });
});
