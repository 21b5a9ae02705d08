import "server-only";
import { html, type SafeHtml } from "@/lib/http/html";

/**
 * The single sign-on pages route handlers answer with: whole documents, styled inline (no Next scripts run on
 * them), every value escaped by `html`.
 */
function documentOf(title: string, body: SafeHtml): string {
  return html`<!DOCTYPE html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex" />
        <title>${title} · Roster</title>
      </head>
      <body style="margin:0;font-family:system-ui,sans-serif;background:#fafafa;color:#18181b">
        <main style="max-width:32rem;margin:10vh auto;padding:2rem;background:#fff;border-radius:1rem;border:1px solid #e4e4e7">${body}</main>
      </body>
    </html>`.toString();
}

/**
 * Hands the signed SAML Response to the app: a form posting it to the ACS URL, submitted by a one-line script
 * carrying this response's nonce as soon as the page loads, and by the Continue button where scripts do not run.
 */
export function samlPostPage(input: { acsUrl: string; samlResponse: string; relayState: string | null; nonce: string }): string {
  const host = new URL(input.acsUrl).host;
  return documentOf(
    "Signing you in",
    html`<h1 style="font-size:1.25rem;margin:0 0 .5rem">Signing you in</h1>
      <p style="margin:0 0 1.5rem;color:#52525b">Roster is sending you to ${host}. If nothing happens in a moment, press Continue.</p>
      <form id="saml-response" method="post" action="${input.acsUrl}">
        <input type="hidden" name="SAMLResponse" value="${input.samlResponse}" />
        ${input.relayState !== null ? html`<input type="hidden" name="RelayState" value="${input.relayState}" />` : null}
        <button type="submit" style="padding:.6rem 1.2rem;border-radius:.5rem;border:0;background:#4338ca;color:#fff;font-size:1rem;cursor:pointer">
          Continue
        </button>
      </form>
      <script nonce="${input.nonce}">
        document.getElementById("saml-response").submit();
      </script>`,
  );
}

/** Why single sign-on stopped and what to do, in plain words; never a stack. */
export function ssoMessagePage(input: { title: string; message: string; reference?: string }): string {
  return documentOf(
    input.title,
    html`<h1 style="font-size:1.25rem;margin:0 0 .5rem">${input.title}</h1>
      <p style="margin:0 0 1rem;line-height:1.5">${input.message}</p>
      ${input.reference ? html`<p style="margin:0 0 1rem;color:#52525b;font-size:.875rem">Reference: ${input.reference}</p>` : null}
      <p style="margin:0"><a href="/" style="color:#3730a3">Go to Roster</a></p>`,
  );
}
