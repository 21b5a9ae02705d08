/**
 * The unsigned SAML Response Roster issues, filled from a fixed template in one pass: every value is
 * XML-escaped and never scanned again, so a person's name cannot add elements or placeholders.
 * Signing is not done here: the signed form comes from the SAML library (issue-response.ts). Pure.
 */
import type { AssertionAttribute } from "./assertion-values";

export const SAML_STATUS_SUCCESS = "urn:oasis:names:tc:SAML:2.0:status:Success";
export const AUTHN_CONTEXT_PASSWORD = "urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport";
const ATTRIBUTE_NAME_FORMAT_BASIC = "urn:oasis:names:tc:SAML:2.0:attrname-format:basic";

export interface ResponseValues {
  responseId: string;
  assertionId: string;
  issueInstant: Date;
  issuer: string;
  destination: string;
  /** Absent for an IdP-initiated sign-in: the attribute is then left out, not sent empty. */
  inResponseTo?: string;
  audience: string;
  nameIdFormat: string;
  nameId: string;
  notBefore: Date;
  notOnOrAfter: Date;
  authnInstant: Date;
  sessionIndex: string;
  authnContextClassRef: string;
  attributes: readonly AssertionAttribute[];
}

/** Escapes the five XML specials, and drops the control characters XML 1.0 cannot carry at all. */
function escapeXml(value: string): string {
  return value
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, "")
    .replace(/[&<>"']/g, (character) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" })[character]!);
}

/** Fills `{Tag}` placeholders in one pass; a tag whose value is undefined drops its whole ` name="{Tag}"` attribute. */
function fill(template: string, values: Record<string, string | undefined>): string {
  const withoutMissing = template.replace(/ [A-Za-z:]+="\{(\w+)\}"/g, (attribute, tag: string) => (values[tag] === undefined ? "" : attribute));
  return withoutMissing.replace(/\{(\w+)\}/g, (placeholder, tag: string) => {
    const value = values[tag];
    if (value === undefined) throw new Error(`The SAML response template has no value for ${placeholder}.`);
    return escapeXml(value);
  });
}

/** SAML times: UTC, whole seconds are enough, with the Z. */
const instant = (date: Date) => date.toISOString();

const RESPONSE_TEMPLATE =
  '<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="{ResponseID}" Version="2.0" IssueInstant="{IssueInstant}" Destination="{Destination}" InResponseTo="{InResponseTo}">' +
  "<saml:Issuer>{Issuer}</saml:Issuer>" +
  '<samlp:Status><samlp:StatusCode Value="{StatusCode}"/></samlp:Status>' +
  '<saml:Assertion xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" ID="{AssertionID}" Version="2.0" IssueInstant="{IssueInstant}">' +
  "<saml:Issuer>{Issuer}</saml:Issuer>" +
  '<saml:Subject><saml:NameID Format="{NameIDFormat}">{NameID}</saml:NameID>' +
  '<saml:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer">' +
  '<saml:SubjectConfirmationData NotOnOrAfter="{NotOnOrAfter}" Recipient="{Destination}" InResponseTo="{InResponseTo}"/>' +
  "</saml:SubjectConfirmation></saml:Subject>" +
  '<saml:Conditions NotBefore="{NotBefore}" NotOnOrAfter="{NotOnOrAfter}"><saml:AudienceRestriction><saml:Audience>{Audience}</saml:Audience></saml:AudienceRestriction></saml:Conditions>' +
  '<saml:AuthnStatement AuthnInstant="{AuthnInstant}" SessionIndex="{SessionIndex}"><saml:AuthnContext><saml:AuthnContextClassRef>{AuthnContextClassRef}</saml:AuthnContextClassRef></saml:AuthnContext></saml:AuthnStatement>' +
  "{AttributeStatement}" +
  "</saml:Assertion></samlp:Response>";
const [RESPONSE_HEAD, RESPONSE_TAIL] = RESPONSE_TEMPLATE.split("{AttributeStatement}") as [string, string];

const ATTRIBUTE_TEMPLATE = `<saml:Attribute Name="{Name}" NameFormat="${ATTRIBUTE_NAME_FORMAT_BASIC}"><saml:AttributeValue xsi:type="xs:string">{Value}</saml:AttributeValue></saml:Attribute>`;

/** The whole unsigned Response, its Assertion included. */
export function buildResponseXml(values: ResponseValues): string {
  const attributes = values.attributes.map((attribute) => fill(ATTRIBUTE_TEMPLATE, { Name: attribute.name, Value: attribute.value })).join("");
  const statement = attributes ? `<saml:AttributeStatement>${attributes}</saml:AttributeStatement>` : "";
  const head = fill(RESPONSE_HEAD, {
    ResponseID: values.responseId,
    AssertionID: values.assertionId,
    IssueInstant: instant(values.issueInstant),
    Destination: values.destination,
    InResponseTo: values.inResponseTo,
    Issuer: values.issuer,
    StatusCode: SAML_STATUS_SUCCESS,
    NameIDFormat: values.nameIdFormat,
    NameID: values.nameId,
    NotBefore: instant(values.notBefore),
    NotOnOrAfter: instant(values.notOnOrAfter),
    Audience: values.audience,
    AuthnInstant: instant(values.authnInstant),
    SessionIndex: values.sessionIndex,
    AuthnContextClassRef: values.authnContextClassRef,
  });
  return head + statement + RESPONSE_TAIL;
}
