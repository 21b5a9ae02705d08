/**
 * Roster as a SAML identity provider, checked by an independent service provider: @node-saml/node-saml (the
 * library behind passport-saml), not Roster's own response template and signing code. node-saml writes the AuthnRequests
 * (HTTP-Redirect and HTTP-POST), Roster reads them and answers, and node-saml validates each answer:
 * signatures against the published certificates, audience, recipient, time window, InResponseTo, NameID and
 * attributes. Then what must fail: a tampered assertion, wrapped signatures, an expired response, a wrong ACS
 * URL, a replayed request, people who may not sign in; and key rotation with overlap.
 */
import { SAML, ValidateInResponseTo, type SamlConfig } from "@node-saml/node-saml";
import { DOMParser, XMLSerializer } from "@xmldom/xmldom";
import { beforeEach, describe, expect, it } from "vitest";
import { db } from "../db";
import { assignGroups } from "../directory/assignments/assign-groups";
import { assignUsers } from "../directory/assignments/assign-users";
import { setUsersStatus } from "../directory/users/change-users";
import { addApp } from "../provisioning/apps/manage-apps";
import { makeOrganization, makePerson } from "../testing/make-organization";
import { idpMetadata } from "./idp-metadata";
import { issueResponse, RESPONSE_LIFETIME_MS } from "./issue-response";
import { parseAuthnRequest, REPLAY_WINDOW_MS } from "./parse-authn-request";
import { SamlError } from "./saml-error";
import { saveSamlSettings } from "./saml-settings";
import { idpEntityId, ssoUrl } from "./saml-urls";
import { NAME_ID_FORMATS, type SamlSettingsForm } from "./schemas";
import { activateNextKey, certificateExpiry, getActiveSigningKey, listPublishedKeys, RETIRED_KEY_GRACE_DAYS, rotateSigningKey } from "./signing-keys";

const BASE_URL = "https://roster.example.com";
const SP_ENTITY_ID = "https://acme.atlassian.net/sp";
const ACS_URL = "http://127.0.0.1:4010/saml/acs";
const DAY_MS = 24 * 60 * 60 * 1000;

let organizationId: string;
let appId: string;
let context: { organizationId: string; actor: { id: string; label: string }; ip: null };

async function configure(overrides: Partial<SamlSettingsForm> = {}) {
  return saveSamlSettings(appId, { enabled: true, spEntityId: SP_ENTITY_ID, acsUrl: ACS_URL, ...overrides }, context);
}

beforeEach(async () => {
  organizationId = (await makeOrganization("Acme")).id;
  const owner = await makePerson(organizationId, { role: "OWNER" });
  context = { organizationId, actor: { id: owner.id, label: owner.email }, ip: null };
  appId = (await addApp("atlassian", context, "Atlassian")).id;
  await configure();
});

async function publishedCertificates(): Promise<string[]> {
  return (await listPublishedKeys(organizationId)).map((key) => key.certificatePem);
}

/** The service provider: node-saml set up as the app would be, trusting the given IdP certificates. */
function serviceProvider(idpCert: string | string[], options: Partial<SamlConfig> = {}): SAML {
  return new SAML({
    callbackUrl: ACS_URL,
    issuer: SP_ENTITY_ID,
    audience: SP_ENTITY_ID,
    idpCert,
    idpIssuer: idpEntityId(BASE_URL, organizationId),
    entryPoint: ssoUrl(BASE_URL, organizationId, appId),
    identifierFormat: NAME_ID_FORMATS.EMAIL.urn,
    wantAssertionsSigned: true,
    wantAuthnResponseSigned: true,
    validateInResponseTo: ValidateInResponseTo.always,
    acceptedClockSkewMs: 0,
    ...options,
  });
}

async function assignedPerson(email = `dana.lee-${crypto.randomUUID().slice(0, 6)}@acme.example`) {
  const person = await makePerson(organizationId, { email });
  await assignUsers(appId, { ids: [person.id] }, context);
  return person;
}

/** An SP-initiated AuthnRequest sent by HTTP-Redirect, as the query parameters Roster's SSO URL receives. */
async function redirectRequest(sp: SAML, relayState = "/jira/browse/ABC-1") {
  const url = new URL(await sp.getAuthorizeUrlAsync(relayState, undefined, {}));
  return { SAMLRequest: url.searchParams.get("SAMLRequest"), RelayState: url.searchParams.get("RelayState") };
}

const decode = (samlResponse: string) => Buffer.from(samlResponse, "base64").toString("utf8");
const encode = (xml: string) => Buffer.from(xml, "utf8").toString("base64");
const parseXml = (xml: string) => new DOMParser().parseFromString(xml, "text/xml");
const ASSERTION_NS = "urn:oasis:names:tc:SAML:2.0:assertion";
const DSIG_NS = "http://www.w3.org/2000/09/xmldsig#";

async function refusal(promise: Promise<unknown>): Promise<SamlError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(SamlError);
  return error as SamlError;
}

describe("SP-initiated sign-in, validated by node-saml", () => {
  it("answers an HTTP-Redirect AuthnRequest with a response node-saml accepts, RelayState kept", async () => {
    const person = await assignedPerson();
    const sp = serviceProvider(await publishedCertificates());
    const request = await parseAuthnRequest(appId, "redirect", await redirectRequest(sp, "/jira/browse/ABC-1"));
    expect(request).toMatchObject({ appId, issuer: SP_ENTITY_ID, acsUrl: ACS_URL, relayState: "/jira/browse/ABC-1" });

    const form = await issueResponse({ appId, personId: person.id, baseUrl: BASE_URL, inResponseTo: request.requestId, relayState: request.relayState! });
    expect(form).toMatchObject({ acsUrl: ACS_URL, relayState: "/jira/browse/ABC-1", nameId: person.email });

    const { profile } = await sp.validatePostResponseAsync({ SAMLResponse: form.samlResponse });
    expect(profile).toMatchObject({ nameID: person.email, nameIDFormat: NAME_ID_FORMATS.EMAIL.urn, issuer: idpEntityId(BASE_URL, organizationId) });
    expect(profile!.inResponseTo).toBe(request.requestId);

    // What node-saml checked, read from the XML itself.
    const document = parseXml(decode(form.samlResponse));
    const response = document.documentElement!;
    expect(response.getAttribute("Destination")).toBe(ACS_URL);
    expect(response.getAttribute("InResponseTo")).toBe(request.requestId);
    expect(document.getElementsByTagNameNS(ASSERTION_NS, "Audience")[0]!.textContent).toBe(SP_ENTITY_ID);
    const confirmation = document.getElementsByTagNameNS(ASSERTION_NS, "SubjectConfirmationData")[0]!;
    expect(confirmation.getAttribute("Recipient")).toBe(ACS_URL);
    expect(confirmation.getAttribute("InResponseTo")).toBe(request.requestId);
    const conditions = document.getElementsByTagNameNS(ASSERTION_NS, "Conditions")[0]!;
    const window = Date.parse(conditions.getAttribute("NotOnOrAfter")!) - Date.parse(conditions.getAttribute("NotBefore")!);
    expect(window).toBeGreaterThan(0);
    expect(window).toBeLessThanOrEqual(RESPONSE_LIFETIME_MS + 60_000);
    // The Response and its Assertion each carry an RSA-SHA256 signature.
    const methods = Array.from(document.getElementsByTagNameNS(DSIG_NS, "SignatureMethod")).map((node) => node.getAttribute("Algorithm"));
    expect(methods).toEqual(["http://www.w3.org/2001/04/xmldsig-more#rsa-sha256", "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"]);
  });

  it("answers an HTTP-POST AuthnRequest too", async () => {
    const person = await assignedPerson();
    // The HTTP-POST binding sends the request base64-encoded, not compressed.
    const sp = serviceProvider(await publishedCertificates(), { authnRequestBinding: "HTTP-POST", skipRequestCompression: true });
    const message = await sp.getAuthorizeMessageAsync("state-7", undefined, {});
    const request = await parseAuthnRequest(appId, "post", { SAMLRequest: String(message.SAMLRequest), RelayState: String(message.RelayState) });
    expect(request.relayState).toBe("state-7");
    const form = await issueResponse({ appId, personId: person.id, baseUrl: BASE_URL, inResponseTo: request.requestId, relayState: request.relayState! });
    const { profile } = await sp.validatePostResponseAsync({ SAMLResponse: form.samlResponse });
    expect(profile!.nameID).toBe(person.email);

    // Some SPs compress the request over HTTP-POST as well (node-saml's default): read it all the same.
    const compressing = serviceProvider(await publishedCertificates(), { authnRequestBinding: "HTTP-POST" });
    const compressed = await compressing.getAuthorizeMessageAsync("state-8", undefined, {});
    expect(Buffer.from(String(compressed.SAMLRequest), "base64").toString("utf8")).not.toContain("AuthnRequest");
    expect((await parseAuthnRequest(appId, "post", { SAMLRequest: String(compressed.SAMLRequest) })).relayState).toBeNull();
  });

  it("gives every response and assertion an ID of its own", async () => {
    const person = await assignedPerson();
    const first = await issueResponse({ appId, personId: person.id, baseUrl: BASE_URL });
    const second = await issueResponse({ appId, personId: person.id, baseUrl: BASE_URL });
    expect(new Set([first.responseId, first.assertionId, second.responseId, second.assertionId]).size).toBe(4);
  });
});

describe("IdP-initiated sign-in", () => {
  it("sends a response without InResponseTo, which node-saml accepts when it asked for nothing", async () => {
    const person = await assignedPerson();
    const form = await issueResponse({ appId, personId: person.id, baseUrl: BASE_URL });
    expect(decode(form.samlResponse)).not.toContain("InResponseTo");
    expect(form.relayState).toBeNull();
    const sp = serviceProvider(await publishedCertificates(), { validateInResponseTo: ValidateInResponseTo.ifPresent });
    const { profile } = await sp.validatePostResponseAsync({ SAMLResponse: form.samlResponse });
    expect(profile!.nameID).toBe(person.email);
  });

  it("reaches a person who has the app only through a group", async () => {
    const person = await makePerson(organizationId);
    const group = await db.group.create({ data: { organizationId, name: "Engineering", members: { create: { userId: person.id } } }, select: { id: true } });
    await assignGroups(appId, [group.id], context);
    const form = await issueResponse({ appId, personId: person.id, baseUrl: BASE_URL });
    const sp = serviceProvider(await publishedCertificates(), { validateInResponseTo: ValidateInResponseTo.ifPresent });
    expect((await sp.validatePostResponseAsync({ SAMLResponse: form.samlResponse })).profile!.nameID).toBe(person.email);
  });

  it("says the NameID and attributes the settings and the field mapping give", async () => {
    const person = await assignedPerson();
    await db.user.update({ where: { id: person.id }, data: { firstName: "Dana", lastName: "Lee & Co <x>", department: "R&D", employeeId: "E-0042" } });
    await configure({
      nameIdFormat: "PERSISTENT",
      nameIdSource: "employeeId",
      attributes: [
        { name: "email", sourceField: "email", hardcodedValue: null, transforms: [] },
        { name: "department", sourceField: "department", hardcodedValue: null, transforms: [{ kind: "uppercase" }] },
        { name: "fullName", sourceField: "firstName", hardcodedValue: null, transforms: [{ kind: "join", fields: ["lastName"], separator: " " }] },
        { name: "tenant", sourceField: null, hardcodedValue: "acme", transforms: [] },
        { name: "title", sourceField: "title", hardcodedValue: null, transforms: [] },
      ],
    });
    const form = await issueResponse({ appId, personId: person.id, baseUrl: BASE_URL });
    const sp = serviceProvider(await publishedCertificates(), {
      validateInResponseTo: ValidateInResponseTo.ifPresent,
      identifierFormat: NAME_ID_FORMATS.PERSISTENT.urn,
    });
    const { profile } = await sp.validatePostResponseAsync({ SAMLResponse: form.samlResponse });
    expect(profile).toMatchObject({
      nameID: "E-0042",
      nameIDFormat: NAME_ID_FORMATS.PERSISTENT.urn,
      email: person.email,
      department: "R&D",
      fullName: "Dana Lee & Co <x>",
      tenant: "acme",
    });
    // An empty field is left out, as provisioning leaves it out.
    expect(profile).not.toHaveProperty("title");
  });

  it("uses what provisioning sends as userName for the NameID, so SSO and SCIM agree", async () => {
    const person = await assignedPerson();
    await db.user.update({ where: { id: person.id }, data: { employeeId: "E-7" } });
    await db.fieldMapping.update({ where: { appId_target: { appId, target: "userName" } }, data: { sourceField: "employeeId" } });
    const form = await issueResponse({ appId, personId: person.id, baseUrl: BASE_URL });
    expect(form.nameId).toBe("E-7");
  });
});

describe("refusals", () => {
  it("refuses an AuthnRequest for another ACS URL, or from another Entity ID", async () => {
    const elsewhere = serviceProvider(await publishedCertificates(), { callbackUrl: "https://evil.example/acs" });
    const wrongAcs = await refusal(parseAuthnRequest(appId, "redirect", await redirectRequest(elsewhere)));
    expect(wrongAcs.kind).toBe("wrong_acs_url");
    expect(wrongAcs.message).toContain("https://evil.example/acs");
    expect(wrongAcs.message).toContain("Single sign-on tab");

    const stranger = serviceProvider(await publishedCertificates(), { issuer: "https://other.example/sp" });
    expect((await refusal(parseAuthnRequest(appId, "redirect", await redirectRequest(stranger)))).kind).toBe("unknown_issuer");
  });

  it("refuses an AuthnRequest addressed to another SSO URL when told where it arrived", async () => {
    // node-saml names its entry point as the Destination: this app's SSO URL.
    const sp = serviceProvider(await publishedCertificates());
    const here = ssoUrl(BASE_URL, organizationId, appId);
    await parseAuthnRequest(appId, "redirect", await redirectRequest(sp), { ssoUrl: here });
    const misaddressed = serviceProvider(await publishedCertificates(), { entryPoint: "https://other-idp.example/sso" });
    const error = await refusal(parseAuthnRequest(appId, "redirect", await redirectRequest(misaddressed), { ssoUrl: here }));
    expect(error.kind).toBe("wrong_destination");
  });

  it("refuses a request ID seen before, and forgets seen IDs once they cannot be accepted anyway", async () => {
    const sp = serviceProvider(await publishedCertificates());
    const params = await redirectRequest(sp);
    await parseAuthnRequest(appId, "redirect", params);
    const replay = await refusal(parseAuthnRequest(appId, "redirect", params));
    expect(replay.kind).toBe("replayed_request");
    expect(replay.message).toMatch(/already used/);
    expect(await db.samlRequestSeen.count({ where: { appId } })).toBe(1);

    // Past the replay window the old request is refused for its age, so its row can go: the next request prunes it.
    const later = new Date(Date.now() + REPLAY_WINDOW_MS + 1000);
    expect((await refusal(parseAuthnRequest(appId, "redirect", params, { now: later }))).kind).toBe("stale_request");
    await db.samlRequestSeen.updateMany({ where: { appId }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const fresh = await parseAuthnRequest(appId, "redirect", await redirectRequest(sp));
    expect(await db.samlRequestSeen.findMany({ where: { appId }, select: { requestId: true } })).toEqual([{ requestId: fresh.requestId }]);
  });

  it("refuses what is not an AuthnRequest, in words", async () => {
    const notDeflated = await refusal(parseAuthnRequest(appId, "redirect", { SAMLRequest: encode("<hello/>") }));
    expect(notDeflated.kind).toBe("malformed_request");
    const notRequest = await refusal(parseAuthnRequest(appId, "post", { SAMLRequest: encode("<hello/>") }));
    expect(notRequest.message).toMatch(/not a SAML 2.0 AuthnRequest/);
    const entity = await refusal(parseAuthnRequest(appId, "post", { SAMLRequest: encode('<!DOCTYPE x [<!ENTITY a "b">]><x>&a;</x>') }));
    expect(entity.message).toMatch(/DOCTYPE/);
    expect((await refusal(parseAuthnRequest(appId, "post", {}))).kind).toBe("malformed_request");
  });

  it("refuses a person who is not assigned, and a deactivated one, saying whom to ask", async () => {
    const outsider = await makePerson(organizationId);
    const notAssigned = await refusal(issueResponse({ appId, personId: outsider.id, baseUrl: BASE_URL }));
    expect(notAssigned.kind).toBe("person_not_assigned");
    expect(notAssigned.message).toBe(
      "You are not assigned to Atlassian. Ask an administrator of Acme in Roster to assign it to you, or to a group you are in.",
    );

    const leaver = await assignedPerson();
    await setUsersStatus({ ids: [leaver.id] }, "INACTIVE", context);
    const inactive = await refusal(issueResponse({ appId, personId: leaver.id, baseUrl: BASE_URL }));
    expect(inactive.kind).toBe("person_inactive");
    expect(inactive.message).toMatch(/deactivated.*Ask an administrator of Acme/);

    const otherOrganization = await makeOrganization("Elsewhere");
    const stranger = await makePerson(otherOrganization.id);
    expect((await refusal(issueResponse({ appId, personId: stranger.id, baseUrl: BASE_URL }))).kind).toBe("person_not_found");
  });

  it("refuses every sign-in while single sign-on is switched off for the app", async () => {
    const person = await assignedPerson();
    await configure({ enabled: false });
    expect((await refusal(issueResponse({ appId, personId: person.id, baseUrl: BASE_URL }))).kind).toBe("sso_not_enabled");
    const sp = serviceProvider(await publishedCertificates());
    expect((await refusal(parseAuthnRequest(appId, "redirect", await redirectRequest(sp)))).kind).toBe("sso_not_enabled");
  });
});

describe("what the service provider rejects", () => {
  async function idpInitiated() {
    const person = await assignedPerson();
    const form = await issueResponse({ appId, personId: person.id, baseUrl: BASE_URL });
    const sp = serviceProvider(await publishedCertificates(), { validateInResponseTo: ValidateInResponseTo.ifPresent });
    return { person, form, sp, xml: decode(form.samlResponse) };
  }

  it("rejects an assertion whose NameID was changed after signing", async () => {
    const { person, sp, xml } = await idpInitiated();
    const tampered = xml.replace(`>${person.email}</saml:NameID>`, ">ceo@acme.example</saml:NameID>");
    expect(tampered).not.toBe(xml);
    await expect(sp.validatePostResponseAsync({ SAMLResponse: encode(tampered) })).rejects.toThrow(/signature/i);
  });

  it("rejects a response that expired: issued ten minutes ago by Roster's clock", async () => {
    const person = await assignedPerson();
    const form = await issueResponse({ appId, personId: person.id, baseUrl: BASE_URL, now: new Date(Date.now() - 10 * 60 * 1000) });
    const sp = serviceProvider(await publishedCertificates(), { validateInResponseTo: ValidateInResponseTo.ifPresent });
    await expect(sp.validatePostResponseAsync({ SAMLResponse: form.samlResponse })).rejects.toThrow(/expired/i);
  });

  /** Takes the Response's own signature off, so that only the assertion's signature protects it. */
  function withoutResponseSignature(document: Document) {
    const response = document.documentElement!;
    response.removeChild(Array.from(response.childNodes).find((node) => node.nodeType === 1 && (node as Element).localName === "Signature")!);
  }

  /** A copy of the signed assertion naming someone else, unsigned. */
  function forgedCopy(signed: Element): Element {
    const evil = signed.cloneNode(true) as Element;
    evil.setAttribute("ID", "_evil");
    evil.removeChild(evil.getElementsByTagNameNS(DSIG_NS, "Signature")[0]!);
    evil.getElementsByTagNameNS(ASSERTION_NS, "NameID")[0]!.textContent = "ceo@acme.example";
    return evil;
  }

  /** Both ways an SP may be set up: Response and Assertion signed, or only the Assertion. */
  async function expectBothRejected(document: Document, withResponseSignature: Document, pattern: RegExp) {
    const assertionOnly = serviceProvider(await publishedCertificates(), {
      validateInResponseTo: ValidateInResponseTo.ifPresent,
      wantAuthnResponseSigned: false,
    });
    const full = serviceProvider(await publishedCertificates(), { validateInResponseTo: ValidateInResponseTo.ifPresent });
    const serialise = (doc: Document) => encode(new XMLSerializer().serializeToString(doc));
    await expect(assertionOnly.validatePostResponseAsync({ SAMLResponse: serialise(document) })).rejects.toThrow(pattern);
    await expect(full.validatePostResponseAsync({ SAMLResponse: serialise(document) })).rejects.toThrow(pattern);
    await expect(full.validatePostResponseAsync({ SAMLResponse: serialise(withResponseSignature) })).rejects.toThrow(pattern);
  }

  it("rejects a second, unsigned assertion inserted beside the signed one", async () => {
    const { xml } = await idpInitiated();
    const [stripped, signedResponse, control] = [parseXml(xml), parseXml(xml), parseXml(xml)];
    // Control: without its Response signature, the untouched response passes an SP that wants only the assertion signed.
    withoutResponseSignature(control);
    const assertionOnly = serviceProvider(await publishedCertificates(), {
      validateInResponseTo: ValidateInResponseTo.ifPresent,
      wantAuthnResponseSigned: false,
    });
    await assertionOnly.validatePostResponseAsync({ SAMLResponse: encode(new XMLSerializer().serializeToString(control)) });

    withoutResponseSignature(stripped);
    for (const document of [stripped, signedResponse]) {
      const signed = document.getElementsByTagNameNS(ASSERTION_NS, "Assertion")[0]!;
      signed.parentNode!.insertBefore(forgedCopy(signed), signed);
    }
    await expectBothRejected(stripped, signedResponse, /signature/i);
  });

  it("rejects the signed assertion moved inside an attacker's assertion (signature wrapping)", async () => {
    const { xml } = await idpInitiated();
    const [stripped, signedResponse] = [parseXml(xml), parseXml(xml)];
    withoutResponseSignature(stripped);
    for (const document of [stripped, signedResponse]) {
      const signed = document.getElementsByTagNameNS(ASSERTION_NS, "Assertion")[0]!;
      const evil = forgedCopy(signed);
      const advice = document.createElementNS(ASSERTION_NS, "saml:Advice");
      evil.insertBefore(advice, evil.getElementsByTagNameNS(ASSERTION_NS, "AuthnStatement")[0]!);
      document.documentElement!.replaceChild(evil, signed);
      advice.appendChild(signed);
    }
    await expectBothRejected(stripped, signedResponse, /signature/i);
  });

  it("rejects a response when the SP trusts another certificate", async () => {
    const { form } = await idpInitiated();
    const other = await makeOrganization("Other");
    const foreign = (await getActiveSigningKey(other.id)).certificatePem;
    const sp = serviceProvider(foreign, { validateInResponseTo: ValidateInResponseTo.ifPresent });
    await expect(sp.validatePostResponseAsync({ SAMLResponse: form.samlResponse })).rejects.toThrow(/signature/i);
  });
});

describe("signing keys", () => {
  it("creates the key on first use, with the private key encrypted at rest", async () => {
    expect(await db.ssoSigningKey.count({ where: { organizationId } })).toBe(0);
    const key = await getActiveSigningKey(organizationId);
    const stored = await db.ssoSigningKey.findUniqueOrThrow({ where: { id: key.id } });
    expect(stored.state).toBe("ACTIVE");
    expect(stored.privateKeyCiphertext).toMatch(/^v1:/);
    expect(stored.privateKeyCiphertext).not.toContain("PRIVATE KEY");
    expect(key.privateKey.reveal()).toContain("BEGIN PRIVATE KEY");
    expect(JSON.stringify(key)).not.toContain("BEGIN PRIVATE KEY");
    expect(stored.certificatePem).toContain("BEGIN CERTIFICATE");
    expect(stored.notAfter.getTime()).toBeGreaterThan(Date.now() + 365 * DAY_MS);
    // A second call uses the same key.
    expect((await getActiveSigningKey(organizationId)).id).toBe(key.id);
  });

  it("creates one key when many first sign-ins race", async () => {
    const keys = await Promise.all(Array.from({ length: 5 }, () => getActiveSigningKey(organizationId)));
    expect(new Set(keys.map((key) => key.id)).size).toBe(1);
    expect(await db.ssoSigningKey.count({ where: { organizationId } })).toBe(1);
  });

  it("rotates with overlap: NEXT is published before it signs, then signs while the old one stays published", async () => {
    const person = await assignedPerson();
    const old = await getActiveSigningKey(organizationId);
    const next = await rotateSigningKey(organizationId, context);
    expect(next.state).toBe("NEXT");
    await expect(rotateSigningKey(organizationId, context)).rejects.toThrow(/already waiting/);

    const metadata = await idpMetadata(organizationId, appId, BASE_URL);
    expect(metadata.certificates.map((key) => [key.id, key.state])).toEqual([
      [old.id, "ACTIVE"],
      [next.id, "NEXT"],
    ]);
    const metadataCerts = Array.from(parseXml(metadata.xml).getElementsByTagNameNS(DSIG_NS, "X509Certificate")).map((node) => node.textContent);
    expect(metadataCerts).toHaveLength(2);

    // Before activation: still signed with the old key.
    const before = await issueResponse({ appId, personId: person.id, baseUrl: BASE_URL });
    const trustsOld = serviceProvider(old.certificatePem, { validateInResponseTo: ValidateInResponseTo.ifPresent });
    const trustsNext = serviceProvider(next.certificatePem, { validateInResponseTo: ValidateInResponseTo.ifPresent });
    await trustsOld.validatePostResponseAsync({ SAMLResponse: before.samlResponse });
    await expect(trustsNext.validatePostResponseAsync({ SAMLResponse: before.samlResponse })).rejects.toThrow(/signature/i);

    await activateNextKey(organizationId, context);
    const after = await issueResponse({ appId, personId: person.id, baseUrl: BASE_URL });
    expect((await trustsNext.validatePostResponseAsync({ SAMLResponse: after.samlResponse })).profile!.nameID).toBe(person.email);
    await expect(trustsOld.validatePostResponseAsync({ SAMLResponse: after.samlResponse })).rejects.toThrow(/signature/i);
    // An SP that took both certificates from the metadata accepts both sides of the switch.
    const trustsBoth = serviceProvider(metadataCerts as string[], { validateInResponseTo: ValidateInResponseTo.ifPresent });
    await trustsBoth.validatePostResponseAsync({ SAMLResponse: after.samlResponse });

    expect((await listPublishedKeys(organizationId)).map((key) => [key.id, key.state])).toEqual([
      [next.id, "ACTIVE"],
      [old.id, "RETIRED"],
    ]);
    const afterGrace = new Date(Date.now() + (RETIRED_KEY_GRACE_DAYS + 1) * DAY_MS);
    expect((await listPublishedKeys(organizationId, afterGrace)).map((key) => key.id)).toEqual([next.id]);
    await expect(activateNextKey(organizationId, context)).rejects.toThrow(/no next signing certificate/);

    const audit = await db.auditEvent.findMany({
      where: { organizationId, action: { startsWith: "sso." } },
      select: { action: true },
      orderBy: { createdAt: "asc" },
    });
    expect(audit.map((event) => event.action)).toEqual(["sso.signing_key_created", "sso.signing_key_activated"]);
  });

  it("warns as the certificate nears its end", async () => {
    const key = await getActiveSigningKey(organizationId);
    expect(certificateExpiry(key, new Date()).warn).toBe(false);
    const soon = certificateExpiry(key, new Date(key.notAfter.getTime() - 10 * DAY_MS - 1000));
    expect(soon).toMatchObject({ daysLeft: 10, warn: true, expired: false });
    expect(soon.message).toMatch(/expires in 10 days/);
    expect(certificateExpiry(key, new Date(key.notAfter.getTime() + 1000))).toMatchObject({ expired: true, warn: true });
  });
});

describe("metadata and settings", () => {
  it("publishes the Entity ID, the SSO URL for both bindings and the signing certificate", async () => {
    const metadata = await idpMetadata(organizationId, appId, `${BASE_URL}/`);
    expect(metadata.entityId).toBe(`${BASE_URL}/sso/saml/${organizationId}`);
    expect(metadata.ssoUrl).toBe(`${BASE_URL}/sso/saml/${organizationId}/apps/${appId}`);
    const document = parseXml(metadata.xml);
    expect(document.documentElement!.getAttribute("entityID")).toBe(metadata.entityId);
    const services = Array.from(document.getElementsByTagNameNS("urn:oasis:names:tc:SAML:2.0:metadata", "SingleSignOnService")).map((node) => [
      node.getAttribute("Binding"),
      node.getAttribute("Location"),
    ]);
    expect(services).toEqual([
      ["urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect", metadata.ssoUrl],
      ["urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST", metadata.ssoUrl],
    ]);
    expect(metadata.xml).not.toContain("PRIVATE");
  });

  it("refuses an ACS URL over plain http to anything but this machine, with the reason under the field", async () => {
    const error = await saveSamlSettings(appId, { enabled: true, spEntityId: SP_ENTITY_ID, acsUrl: "http://acme.atlassian.net/acs" }, context).catch(
      (caught: unknown) => caught,
    );
    expect(error).toMatchObject({ code: "invalid_input", fieldErrors: { acsUrl: [expect.stringMatching(/https:\/\//)] } });
    const saved = await saveSamlSettings(appId, { enabled: true, spEntityId: SP_ENTITY_ID, acsUrl: "https://acme.atlassian.net/acs" }, context);
    expect(saved.acsUrl).toBe("https://acme.atlassian.net/acs");
    const audit = await db.auditEvent.findFirst({
      where: { organizationId, action: "app.saml_configured" },
      orderBy: { createdAt: "desc" },
      select: { changes: true },
    });
    expect(audit!.changes).toMatchObject({ acsUrl: { from: ACS_URL, to: "https://acme.atlassian.net/acs" } });
  });
});
