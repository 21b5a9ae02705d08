import "server-only";
import { randomUUID, type KeyObject } from "node:crypto";
import { SignedXml } from "xml-crypto";
import { db } from "../db";
import { hasScope, scopeProbe } from "../directory/assignments/scope-sources";
import { MAPPABLE_PERSON_SELECT } from "../directory/users/mappable-person";
import { effectiveMappingRules, FIELD_MAPPING_SELECT } from "../provisioning/apps/field-mappings";
import { attributeValues, nameIdValue } from "./assertion-values";
import { AUTHN_CONTEXT_PASSWORD, buildResponseXml } from "./response-template";
import { SamlError, type SamlErrorKind, type SsoAppRef } from "./saml-error";
import { SAML_SETTINGS_SELECT, toSamlSettings } from "./saml-settings";
import { idpEntityId } from "./saml-urls";
import { NAME_ID_FORMATS } from "./schemas";
import { getActiveSigningKey, SIGNING_KEY_SELECT, signingKeyObject, withPrivateKey } from "./signing-keys";

/** How long a response is good for after it is issued; apps allow a little clock skew on top. */
export const RESPONSE_LIFETIME_MS = 5 * 60 * 1000;
/** How far back NotBefore reaches, for an app whose clock runs a little behind ours. */
export const NOT_BEFORE_SKEW_MS = 30 * 1000;

const RSA_SHA256 = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256";
const SHA256 = "http://www.w3.org/2001/04/xmlenc#sha256";
const EXCLUSIVE_C14N = "http://www.w3.org/2001/10/xml-exc-c14n#";
const TRANSFORMS = ["http://www.w3.org/2000/09/xmldsig#enveloped-signature", EXCLUSIVE_C14N];

export interface IssueResponseInput {
  appId: string;
  personId: string;
  /** The public base URL of this Roster: the IdP Entity ID lives under it. */
  baseUrl: string;
  /** The AuthnRequest's ID when the app asked (SP-initiated); absent for an IdP-initiated sign-in. */
  inResponseTo?: string;
  /** Handed back to the app unchanged. */
  relayState?: string;
  /** When the person signed in to Roster; defaults to now. */
  authnInstant?: Date;
  /** The clock, for tests. */
  now?: Date;
}

/** What the auto-submitting HTTP-POST form needs: where to post, and the two fields. */
export interface SamlPostForm {
  acsUrl: string;
  samlResponse: string;
  relayState: string | null;
  responseId: string;
  assertionId: string;
  nameId: string;
  /** The app it is for, for the sign-in log. */
  app: SsoAppRef;
}

/**
 * A signed SAML Response (the Response and its Assertion each signed with RSA-SHA256 by the organization's
 * ACTIVE key) for an ACTIVE person in scope for the app, directly or through a group. Anyone else gets a
 * SamlError saying why and whom to ask. Also what a benchmark calls.
 */
export async function issueResponse(input: IssueResponseInput): Promise<SamlPostForm> {
  const now = input.now ?? new Date();
  // The app and the person at once (two statements, one wait): the person is looked for only in the app's organization.
  const [app, person] = await Promise.all([
    db.app.findUnique({
      where: { id: input.appId },
      select: {
        id: true,
        name: true,
        organizationId: true,
        catalogKey: true,
        organization: {
          select: { name: true, plan: true, ssoSigningKeys: { where: { state: "ACTIVE" }, select: SIGNING_KEY_SELECT, take: 1 } },
        },
        fieldMappings: { select: FIELD_MAPPING_SELECT },
        samlSettings: { select: SAML_SETTINGS_SELECT },
      },
    }),
    db.user.findFirst({
      where: { id: input.personId, organization: { apps: { some: { id: input.appId } } } },
      select: { ...MAPPABLE_PERSON_SELECT, ...scopeProbe(input.appId) },
    }),
  ]);
  if (!app) throw new SamlError("app_not_found", "This app is no longer in Roster. Ask your Roster administrator for the right link.");
  const appRef: SsoAppRef = { id: app.id, name: app.name, organizationId: app.organizationId };
  const refuse = (kind: SamlErrorKind, message: string) => new SamlError(kind, message, appRef);
  const settings = app.samlSettings ? toSamlSettings(app.samlSettings) : null;
  if (!settings?.enabled) {
    throw refuse("sso_not_enabled", `Single sign-on is not switched on for ${app.name}. Ask your Roster administrator to set it up.`);
  }
  const whomToAsk = `Ask an administrator of ${app.organization.name} in Roster`;
  if (!person) throw refuse("person_not_found", `Your account is not in the directory of ${app.organization.name}. ${whomToAsk} to add you.`);
  if (person.status !== "ACTIVE") {
    throw refuse("person_inactive", `Your account is deactivated, so you cannot sign in to ${app.name}. ${whomToAsk} if this is a mistake.`);
  }
  if (!hasScope(person)) {
    throw refuse("person_not_assigned", `You are not assigned to ${app.name}. ${whomToAsk} to assign it to you, or to a group you are in.`);
  }

  const context = { organizationName: app.organization.name };
  const nameId = nameIdValue(person, settings.nameIdSource, effectiveMappingRules(app), context);
  if (!nameId) {
    throw refuse("person_not_found", `Your account has no value for what ${app.name} uses to recognise you. ${whomToAsk} to complete your profile.`);
  }
  const stored = app.organization.ssoSigningKeys[0];
  const key = stored ? withPrivateKey(stored) : await getActiveSigningKey(app.organizationId, now);
  const responseId = `_${randomUUID()}`;
  const assertionId = `_${randomUUID()}`;
  const xml = buildResponseXml({
    responseId,
    assertionId,
    issueInstant: now,
    issuer: idpEntityId(input.baseUrl, app.organizationId),
    destination: settings.acsUrl,
    inResponseTo: input.inResponseTo,
    audience: settings.spEntityId,
    nameIdFormat: NAME_ID_FORMATS[settings.nameIdFormat].urn,
    nameId,
    notBefore: new Date(now.getTime() - NOT_BEFORE_SKEW_MS),
    notOnOrAfter: new Date(now.getTime() + RESPONSE_LIFETIME_MS),
    authnInstant: input.authnInstant ?? now,
    sessionIndex: `_${randomUUID()}`,
    authnContextClassRef: AUTHN_CONTEXT_PASSWORD,
    attributes: attributeValues(person, settings.attributes, context),
  });
  return {
    acsUrl: settings.acsUrl,
    samlResponse: Buffer.from(signResponse(xml, signingKeyObject(key), certificateBody(key.certificatePem)), "utf8").toString("base64"),
    relayState: input.relayState ?? null,
    responseId,
    assertionId,
    nameId,
    app: appRef,
  };
}

/** The certificate's base64 body, as KeyInfo carries it. */
export function certificateBody(pem: string): string {
  return pem.replace(/-----(BEGIN|END) CERTIFICATE-----/g, "").replace(/\s+/g, "");
}

/**
 * Signs the Assertion (signature placed after its Issuer), then the whole Response (after its Issuer):
 * enveloped, exclusive c14n, RSA-SHA256, SHA-256 digests, the certificate in KeyInfo. xml-crypto (the XML
 * signature library under Node's SAML libraries) does the signing; the key comes parsed, once per key.
 */
function signResponse(xml: string, privateKey: KeyObject, certificate: string): string {
  const assertion = "/*[local-name(.)='Response']/*[local-name(.)='Assertion']";
  const assertionSigned = signAt(xml, privateKey, certificate, assertion, `${assertion}/*[local-name(.)='Issuer']`);
  return signAt(assertionSigned, privateKey, certificate, "/*", "/*[local-name(.)='Response']/*[local-name(.)='Issuer']");
}

/** One enveloped signature over the element at `referenceXPath`, placed after the element at `after`. */
function signAt(xml: string, privateKey: KeyObject, certificate: string, referenceXPath: string, after: string): string {
  const signature = new SignedXml({
    privateKey,
    signatureAlgorithm: RSA_SHA256,
    canonicalizationAlgorithm: EXCLUSIVE_C14N,
    getKeyInfoContent: (args) => {
      const ns = args?.prefix ? `${args.prefix}:` : "";
      return `<${ns}X509Data><${ns}X509Certificate>${certificate}</${ns}X509Certificate></${ns}X509Data>`;
    },
  });
  signature.addReference({ xpath: referenceXPath, transforms: TRANSFORMS, digestAlgorithm: SHA256 });
  signature.computeSignature(xml, { prefix: "ds", location: { reference: after, action: "after" } });
  return signature.getSignedXml();
}
