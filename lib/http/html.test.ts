import { describe, expect, it } from "vitest";
import { escapeHtml, html, type SafeHtml } from "./html";

/** The markup without the line breaks and indentation the formatter puts between tags. */
const compact = (markup: SafeHtml) =>
  markup
    .toString()
    .replace(/>\s+/g, ">")
    .replace(/\s+</g, "<")
    .replace(/\s+\/>/g, ">")
    .trim();

describe("html", () => {
  it("escapes every interpolated value, in text and in quoted attributes", () => {
    const relayState = `"><script>alert('x')</script>&`;
    expect(
      compact(
        html`<input type="hidden" name="RelayState" value="${relayState}" />
          <p>${relayState}</p>`,
      ),
    ).toBe(
      `<input type="hidden" name="RelayState" value="&quot;&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;"><p>&quot;&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;</p>`,
    );
  });

  it("keeps markup it made itself, and leaves out null, undefined and false", () => {
    const items = ["a<b", "c"].map((item) => html`<li>${item}</li>`);
    expect(
      compact(
        html`<ul>
            ${items}
          </ul>
          ${null}${undefined}${false}${0}`,
      ),
    ).toBe("<ul><li>a&lt;b</li><li>c</li></ul>0");
  });

  it("escapes the five characters that matter", () => {
    expect(escapeHtml(`&<>"'`)).toBe("&amp;&lt;&gt;&quot;&#39;");
  });
});
