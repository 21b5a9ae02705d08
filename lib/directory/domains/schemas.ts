/**
 * A domain's name as an admin types it, checked and turned into the ASCII
 * (punycode) form DNS uses. Pure zod: safe to import in the browser.
 */
import { z } from "zod";

const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

export const domainNameField = z
  .string({ error: "Enter a domain, such as example.com." })
  .trim()
  .toLowerCase()
  .transform((value, context) => {
    const fail = (message: string) => {
      context.addIssue({ code: "custom", message });
      return z.NEVER;
    };
    if (value === "") return fail("Enter a domain, such as example.com.");
    if (/^[a-z][a-z0-9+.-]*:\/\//.test(value)) return fail("Enter the domain only, without http:// or https://.");
    if (value.includes("@")) return fail("Enter the domain only, without the part before the @ (example.com, not dana@example.com).");
    if (/\s/.test(value)) return fail("A domain cannot contain spaces.");
    if (/[/?#:]/.test(value)) return fail("Enter the domain only, without a path or port (example.com, not example.com/login).");
    const name = value.replace(/\.$/, "");
    let ascii: string;
    try {
      // The URL parser applies IDNA, so bücher.example becomes xn--bcher-kva.example.
      ascii = new URL(`http://${name}`).hostname;
    } catch {
      return fail("That is not a valid domain name. Use letters, digits, hyphens and dots, such as example.com.");
    }
    if (ascii.length > 253) return fail("A domain can be at most 253 characters long.");
    const labels = ascii.split(".");
    if (labels.length < 2) return fail("Enter the full domain with its ending, such as example.com.");
    if (!labels.every((label) => LABEL.test(label))) {
      return fail("Each part between dots can have letters, digits and hyphens (not at its start or end), up to 63 characters.");
    }
    if (/^[0-9]+$/.test(labels.at(-1)!)) return fail("Enter a domain name, not an IP address.");
    return ascii;
  });

export const addDomainInput = z.object({ name: domainNameField });
export type AddDomainInput = z.input<typeof addDomainInput>;

export const domainIdInput = z.object({ domainId: z.uuid({ error: "That is not a domain's id." }) });
