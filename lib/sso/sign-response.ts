/**
 * The signing of a SAML Response Roster issues: the Assertion, then the whole Response, each with an enveloped
 * XML signature (exclusive c14n, RSA-SHA256, SHA-256 digests, the certificate in KeyInfo). xml-crypto, the XML
 * signature library under Node's SAML libraries, does the signing; nothing here writes signature XML.
 */
import { sign, verify, type BinaryLike, type KeyLike, type KeyObject } from "node:crypto";
import { SignedXml, type ErrorFirstCallback, type SignatureAlgorithm, type SignatureAlgorithmType } from "xml-crypto";

const RSA_SHA256 = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256" satisfies SignatureAlgorithmType;
const SHA256 = "http://www.w3.org/2001/04/xmlenc#sha256";
const EXCLUSIVE_C14N = "http://www.w3.org/2001/10/xml-exc-c14n#";
const TRANSFORMS = ["http://www.w3.org/2000/09/xmldsig#enveloped-signature", EXCLUSIVE_C14N];

/** The certificate's base64 body, as KeyInfo carries it. */
export function certificateBody(pem: string): string {
  return pem.replace(/-----(BEGIN|END) CERTIFICATE-----/g, "").replace(/\s+/g, "");
}

/**
 * RSA-SHA256 as xml-crypto's own, except that with a callback it signs through Node's one-shot `crypto.sign`,
 * which runs the RSA operation on libuv's thread pool: the event loop serves other requests meanwhile. This is
 * the way xml-crypto documents for asynchronous signing: an algorithm registered under the URI it implements.
 */
export class ThreadPoolRsaSha256 implements SignatureAlgorithm {
  getSignature(signedInfo: BinaryLike, privateKey: KeyLike): string;
  getSignature(signedInfo: BinaryLike, privateKey: KeyLike, callback?: ErrorFirstCallback<string>): void;
  getSignature(signedInfo: BinaryLike, privateKey: KeyLike, callback?: ErrorFirstCallback<string>): string | void {
    if (!callback) return sign("sha256", toBytes(signedInfo), privateKey).toString("base64");
    sign("sha256", toBytes(signedInfo), privateKey, (error, signature) => (error ? callback(error) : callback(null, signature.toString("base64"))));
  }
  verifySignature(material: string, key: KeyLike, signatureValue: string): boolean;
  verifySignature(material: string, key: KeyLike, signatureValue: string, callback?: ErrorFirstCallback<boolean>): void;
  verifySignature(material: string, key: KeyLike, signatureValue: string, callback?: ErrorFirstCallback<boolean>): boolean | void {
    const valid = verify("sha256", Buffer.from(material, "utf8"), key, Buffer.from(signatureValue, "base64"));
    if (!callback) return valid;
    callback(null, valid);
  }
  getAlgorithmName(): SignatureAlgorithmType {
    return RSA_SHA256;
  }
}

const toBytes = (data: BinaryLike): NodeJS.ArrayBufferView => (typeof data === "string" ? Buffer.from(data, "utf8") : data);

/**
 * Signs the Assertion (signature placed after its Issuer), then the whole Response (after its Issuer):
 * enveloped, exclusive c14n, RSA-SHA256, SHA-256 digests, the certificate in KeyInfo. xml-crypto (the XML
 * signature library under Node's SAML libraries) does the signing; the key comes parsed, once per key.
 */
export async function signResponse(xml: string, privateKey: KeyObject, certificate: string): Promise<string> {
  const assertion = "/*[local-name(.)='Response']/*[local-name(.)='Assertion']";
  const assertionSigned = await signAt(xml, privateKey, certificate, assertion, `${assertion}/*[local-name(.)='Issuer']`);
  return signAt(assertionSigned, privateKey, certificate, "/*", "/*[local-name(.)='Response']/*[local-name(.)='Issuer']");
}

/** One enveloped signature over the element at `referenceXPath`, placed after the element at `after`. */
function signAt(xml: string, privateKey: KeyObject, certificate: string, referenceXPath: string, after: string): Promise<string> {
  const signature = new SignedXml({
    privateKey,
    signatureAlgorithm: RSA_SHA256,
    canonicalizationAlgorithm: EXCLUSIVE_C14N,
    getKeyInfoContent: (args) => {
      const ns = args?.prefix ? `${args.prefix}:` : "";
      return `<${ns}X509Data><${ns}X509Certificate>${certificate}</${ns}X509Certificate></${ns}X509Data>`;
    },
  });
  signature.SignatureAlgorithms[RSA_SHA256] = ThreadPoolRsaSha256;
  signature.addReference({ xpath: referenceXPath, transforms: TRANSFORMS, digestAlgorithm: SHA256 });
  return new Promise((resolve, reject) => {
    signature.computeSignature(xml, { prefix: "ds", location: { reference: after, action: "after" } }, (error) =>
      error ? reject(error) : resolve(signature.getSignedXml()),
    );
  });
}
