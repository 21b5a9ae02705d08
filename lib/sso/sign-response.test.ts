import { generateKeyPairSync } from "node:crypto";
import { DOMParser } from "@xmldom/xmldom";
import { SignedXml } from "xml-crypto";
import { describe, expect, it } from "vitest";
import { buildResponseXml } from "./response-template";
import { signResponse, ThreadPoolRsaSha256 } from "./sign-response";

const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
const publicPem = publicKey.export({ type: "spki", format: "pem" }).toString();
const NOW = new Date("2026-12-01T09:00:00.000Z");
const unsigned = buildResponseXml({
  responseId: "_r1",
  assertionId: "_a1",
  issueInstant: NOW,
  issuer: "https://roster.example.com/sso/saml/org",
  destination: "https://acme.example/acs",
  inResponseTo: "_req1",
  audience: "https://acme.example/sp",
  nameIdFormat: "urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress",
  nameId: "dana@acme.example",
  notBefore: NOW,
  notOnOrAfter: new Date(NOW.getTime() + 300_000),
  authnInstant: NOW,
  sessionIndex: "_s1",
  authnContextClassRef: "urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport",
  attributes: [{ name: "email", value: "dana@acme.example" }],
});
const DSIG = "http://www.w3.org/2000/09/xmldsig#";

/** Checks every signature of the document with xml-crypto's own RSA-SHA256, not the one Roster signs with. */
function signaturesValid(xml: string): boolean[] {
  const signatures = Array.from(new DOMParser().parseFromString(xml, "text/xml").getElementsByTagNameNS(DSIG, "Signature"));
  return signatures.map((node) => {
    const check = new SignedXml({ publicCert: publicPem });
    check.loadSignature(node);
    try {
      return check.checkSignature(xml);
    } catch {
      return false;
    }
  });
}

describe("signResponse", () => {
  it("signs the assertion and the response, each verifiable on its own", async () => {
    const signed = await signResponse(unsigned, privateKey, "MIIB");
    const document = new DOMParser().parseFromString(signed, "text/xml");
    const signatures = Array.from(document.getElementsByTagNameNS(DSIG, "Signature"));
    expect(signatures.map((node) => (node.parentNode as Element).localName)).toEqual(["Response", "Assertion"]);
    expect(signaturesValid(signed)).toEqual([true, true]);
  });

  it("is refused once the person's name is changed after signing", async () => {
    const signed = await signResponse(unsigned, privateKey, "MIIB");
    const tampered = signed.replace(">dana@acme.example</saml:NameID>", ">mallory@acme.example</saml:NameID>");
    expect(tampered).not.toBe(signed);
    expect(signaturesValid(tampered)).toEqual([false, false]);
  });
});

describe("ThreadPoolRsaSha256", () => {
  const algorithm = new ThreadPoolRsaSha256();

  it("gives the same signature with a callback (thread pool) as without", async () => {
    const synchronous = algorithm.getSignature("<SignedInfo/>", privateKey);
    const pooled = await new Promise<string>((resolve, reject) =>
      algorithm.getSignature("<SignedInfo/>", privateKey, (error, value) => (error ? reject(error) : resolve(value!))),
    );
    // RSA PKCS#1 v1.5 is deterministic: one key, one text, one signature.
    expect(pooled).toBe(synchronous);
    expect(algorithm.verifySignature("<SignedInfo/>", publicKey, pooled)).toBe(true);
    expect(algorithm.verifySignature("<SignedInfo />", publicKey, pooled)).toBe(false);
  });

  it("hands a signing error to the callback", async () => {
    const { publicKey: notPrivate } = generateKeyPairSync("ec", { namedCurve: "P-256" });
    await expect(
      new Promise((resolve, reject) => algorithm.getSignature("x", notPrivate, (error, value) => (error ? reject(error) : resolve(value)))),
    ).rejects.toThrow();
  });
});
