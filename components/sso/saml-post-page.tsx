import { SsoDocument } from "./sso-document";

export interface SamlPostPageProps {
  acsUrl: string;
  samlResponse: string;
  relayState: string | null;
  /** This response's CSP nonce: the one script (which submits the form) carries it. */
  nonce: string;
}

/**
 * Hands the signed SAML Response to the app: a form that POSTs it to the app's ACS URL, submitted by a one-line
 * script as soon as the page loads, and by the Continue button where scripts do not run. React escapes every
 * value (RelayState comes from the app and is never trusted).
 */
export function SamlPostPage({ acsUrl, samlResponse, relayState, nonce }: SamlPostPageProps) {
  const host = new URL(acsUrl).host;
  return (
    <SsoDocument title="Signing you in">
      <h1 style={{ fontSize: "1.25rem", margin: "0 0 0.5rem" }}>Signing you in</h1>
      <p style={{ margin: "0 0 1.5rem", color: "#52525b" }}>Roster is sending you to {host}. If nothing happens in a moment, press Continue.</p>
      <form id="saml-response" method="post" action={acsUrl}>
        <input type="hidden" name="SAMLResponse" value={samlResponse} />
        {relayState !== null ? <input type="hidden" name="RelayState" value={relayState} /> : null}
        <button
          type="submit"
          style={{ padding: "0.6rem 1.2rem", borderRadius: "0.5rem", border: 0, background: "#4338ca", color: "#fff", fontSize: "1rem", cursor: "pointer" }}
        >
          Continue
        </button>
      </form>
      <script nonce={nonce} dangerouslySetInnerHTML={{ __html: 'document.getElementById("saml-response").submit();' }} />
    </SsoDocument>
  );
}
