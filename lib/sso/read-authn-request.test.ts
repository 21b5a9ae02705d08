import { deflateRawSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { readAuthnRequest, UnreadableAuthnRequest } from "./read-authn-request";

const request = (attributes = 'ID="_abc123" Version="2.0" IssueInstant="2026-12-01T09:00:00Z"', body = "<saml:Issuer>https://sp.example</saml:Issuer>") =>
  `<samlp:AuthnRequest xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ${attributes}>${body}</samlp:AuthnRequest>`;
const post = (xml: string) => Buffer.from(xml).toString("base64");
const redirect = (xml: string) => deflateRawSync(Buffer.from(xml)).toString("base64");

describe("reading an AuthnRequest", () => {
  it("reads the fields from either binding", () => {
    const xml = request(
      'ID="_abc123" Version="2.0" IssueInstant="2026-12-01T09:00:00Z" AssertionConsumerServiceURL="https://sp.example/acs" ForceAuthn="true"',
    );
    for (const fields of [readAuthnRequest("redirect", redirect(xml)), readAuthnRequest("post", post(xml))]) {
      expect(fields).toEqual({
        id: "_abc123",
        issuer: "https://sp.example",
        issueInstant: new Date("2026-12-01T09:00:00Z"),
        assertionConsumerServiceUrl: "https://sp.example/acs",
        destination: null,
        protocolBinding: null,
        forceAuthn: true,
      });
    }
  });

  it.each([
    ["not base64", "%%%", /not base64/],
    ["a redirect that is not compressed", post(request()), /DEFLATE/],
    ["not XML", redirect("hello"), /well-formed|no XML/],
    ["another element", redirect("<x/>"), /not a SAML 2.0 AuthnRequest/],
    ["an AuthnRequest outside the SAML namespace", redirect('<AuthnRequest ID="_a" Version="2.0" IssueInstant="2026-12-01T09:00:00Z"/>'), /not a SAML 2.0/],
    ["a DOCTYPE", redirect(`<!DOCTYPE x [<!ENTITY big "aaaa">]>${request()}`), /DOCTYPE/],
    ["version 1.1", redirect(request('ID="_a" Version="1.1" IssueInstant="2026-12-01T09:00:00Z"')), /version 2.0/],
    ["an ID that is not an NCName", redirect(request('ID="1 2" Version="2.0" IssueInstant="2026-12-01T09:00:00Z"')), /valid ID/],
    ["no IssueInstant", redirect(request('ID="_a" Version="2.0"')), /IssueInstant/],
    ["two Issuers", redirect(request(undefined, "<saml:Issuer>a</saml:Issuer><saml:Issuer>b</saml:Issuer>")), /Issuer exactly once/],
    ["no Issuer", redirect(request(undefined, "")), /Issuer exactly once/],
    ["a compressed bomb", redirect(`<x>${"a".repeat(1024 * 1024)}</x>`), /too large/],
  ])("refuses %s", (_name, encoded, message) => {
    expect(() => readAuthnRequest("redirect", encoded)).toThrow(UnreadableAuthnRequest);
    expect(() => readAuthnRequest("redirect", encoded)).toThrow(message);
  });
});
