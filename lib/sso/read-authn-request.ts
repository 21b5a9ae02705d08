/**
 * Reads an AuthnRequest off the wire (HTTP-Redirect: raw DEFLATE then base64; HTTP-POST: base64, compressed
 * or not) into the
 * few fields Roster acts on. Strict: size limits before and after inflating, no DOCTYPE (so no entities),
 * any XML error refuses, and the root must be a SAML 2.0 protocol AuthnRequest with an ID, a version 2.0,
 * an IssueInstant and an Issuer. Nothing of the request is trusted beyond what the caller checks
 * against the app's settings. No database, no clock.
 */
import { inflateRawSync } from "node:zlib";
import { DOMParser } from "@xmldom/xmldom";

type XmlElement = Element;

export type AuthnRequestBinding = "redirect" | "post";

export interface AuthnRequestFields {
  id: string;
  issuer: string;
  issueInstant: Date;
  /** Absent when the app leaves it to the configured ACS URL. */
  assertionConsumerServiceUrl: string | null;
  destination: string | null;
  protocolBinding: string | null;
  forceAuthn: boolean;
}

const PROTOCOL_NS = "urn:oasis:names:tc:SAML:2.0:protocol";
const ASSERTION_NS = "urn:oasis:names:tc:SAML:2.0:assertion";
/** Far above any real AuthnRequest (a few hundred bytes to a few KB). */
const MAX_ENCODED_LENGTH = 64 * 1024;
const MAX_XML_BYTES = 128 * 1024;
/** xs:ID is an NCName; SAML IDs must also be unguessable, which is the requester's business. */
const NCNAME = /^[A-Za-z_][\w.-]{0,255}$/;

/** Why the request could not be read, for the caller to turn into its own words; never echoes the input. */
export class UnreadableAuthnRequest extends Error {
  override name = "UnreadableAuthnRequest";
}

export function decodeAuthnRequest(binding: AuthnRequestBinding, samlRequest: string): string {
  if (samlRequest.length === 0) throw new UnreadableAuthnRequest("The SAMLRequest parameter is empty.");
  if (samlRequest.length > MAX_ENCODED_LENGTH) throw new UnreadableAuthnRequest("The SAMLRequest parameter is too long.");
  const compact = samlRequest.replace(/\s+/g, "");
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(compact)) throw new UnreadableAuthnRequest("The SAMLRequest parameter is not base64.");
  const bytes = Buffer.from(compact, "base64");
  // HTTP-POST carries plain XML; some service providers compress it anyway (node-saml does by default).
  if (
    binding === "post" &&
    /^\s*</.test(
      bytes
        .subarray(0, 64)
        .toString("utf8")
        .replace(/^\uFEFF/, ""),
    )
  )
    return bytes.toString("utf8");
  try {
    return inflateRawSync(bytes, { maxOutputLength: MAX_XML_BYTES }).toString("utf8");
  } catch (error) {
    if ((error as { code?: string }).code === "ERR_BUFFER_TOO_LARGE") throw new UnreadableAuthnRequest("The AuthnRequest is too large.");
    throw new UnreadableAuthnRequest(
      binding === "redirect"
        ? "The SAMLRequest parameter is not DEFLATE-compressed as the HTTP-Redirect binding requires."
        : "The SAMLRequest parameter is neither XML nor DEFLATE-compressed XML.",
    );
  }
}

function parseXml(xml: string) {
  if (Buffer.byteLength(xml, "utf8") > MAX_XML_BYTES) throw new UnreadableAuthnRequest("The AuthnRequest is too large.");
  if (/<!DOCTYPE/i.test(xml)) throw new UnreadableAuthnRequest("The AuthnRequest contains a DOCTYPE, which SAML does not allow.");
  const refuse = (message: string) => {
    throw new UnreadableAuthnRequest(`The AuthnRequest is not well-formed XML (${message.split("\n")[0]}).`);
  };
  const document = new DOMParser({ errorHandler: { warning: () => {}, error: refuse, fatalError: refuse } }).parseFromString(xml, "text/xml");
  const root = document.documentElement;
  if (!root) throw new UnreadableAuthnRequest("The SAMLRequest holds no XML element.");
  return root;
}

function children(element: XmlElement, namespace: string, localName: string): XmlElement[] {
  const found: XmlElement[] = [];
  for (let node = element.firstChild; node; node = node.nextSibling) {
    if (node.nodeType === 1) {
      const child = node as XmlElement;
      if (child.namespaceURI === namespace && child.localName === localName) found.push(child);
    }
  }
  return found;
}

const optional = (element: XmlElement, name: string) => (element.hasAttribute(name) ? element.getAttribute(name) : null);

/** The fields of an AuthnRequest, or UnreadableAuthnRequest saying what is wrong with it. */
export function readAuthnRequest(binding: AuthnRequestBinding, samlRequest: string): AuthnRequestFields {
  const root = parseXml(decodeAuthnRequest(binding, samlRequest));
  if (root.namespaceURI !== PROTOCOL_NS || root.localName !== "AuthnRequest") {
    throw new UnreadableAuthnRequest("The SAMLRequest is not a SAML 2.0 AuthnRequest.");
  }
  if (root.getAttribute("Version") !== "2.0") throw new UnreadableAuthnRequest("The AuthnRequest is not SAML version 2.0.");
  const id = root.getAttribute("ID") ?? "";
  if (!NCNAME.test(id)) throw new UnreadableAuthnRequest("The AuthnRequest has no valid ID.");
  const issueInstantText = root.getAttribute("IssueInstant") ?? "";
  const issueInstant = new Date(issueInstantText);
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(issueInstantText) || Number.isNaN(issueInstant.getTime())) {
    throw new UnreadableAuthnRequest("The AuthnRequest has no valid IssueInstant.");
  }
  const issuers = children(root, ASSERTION_NS, "Issuer");
  const issuer = issuers.length === 1 ? (issuers[0]!.textContent ?? "").trim() : "";
  if (!issuer) throw new UnreadableAuthnRequest("The AuthnRequest must name its Issuer exactly once.");
  return {
    id,
    issuer,
    issueInstant,
    assertionConsumerServiceUrl: optional(root, "AssertionConsumerServiceURL"),
    destination: optional(root, "Destination"),
    protocolBinding: optional(root, "ProtocolBinding"),
    forceAuthn: root.getAttribute("ForceAuthn") === "true" || root.getAttribute("ForceAuthn") === "1",
  };
}
