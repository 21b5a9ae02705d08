/**
 * An app's SAML settings as the admin enters them, shared by the form and the server. Pure zod: safe in the browser.
 */
import { z } from "zod";
import { DIRECTORY_FIELD_KEYS, type DirectoryField } from "../provisioning/mapping/directory-fields";
import { transformSteps } from "../provisioning/mapping/transforms";

const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/;
export const MAX_SAML_ATTRIBUTES = 30;

/** Loopback hosts, the only ones an ACS URL may reach over plain http (for tests and local development). */
function isLoopback(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, "").toLowerCase();
  return host === "localhost" || host === "::1" || /^127(\.\d{1,3}){3}$/.test(host);
}

/** Plain-words problem with an ACS URL, or null when it can be used. Pure. */
export function acsUrlProblem(value: string): string | null {
  if (/\s/.test(value)) return "The ACS URL cannot contain spaces. Paste it again without them.";
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return "This is not a valid URL. Copy the ACS URL (Assertion Consumer Service URL) from the app again.";
  }
  if (url.protocol === "http:" && !isLoopback(url.hostname)) return "The ACS URL must start with https:// so the sign-in cannot be read on the way.";
  if (url.protocol !== "https:" && url.protocol !== "http:") return "The ACS URL must start with https://.";
  if (url.username || url.password) return "Leave user names and passwords out of the ACS URL.";
  if (url.hash) return "Remove the #… part from the ACS URL.";
  return null;
}

export const acsUrlField = z
  .string()
  .trim()
  .min(1, { error: "Enter the app's ACS URL (Assertion Consumer Service URL)." })
  .max(2048, { error: "That URL is too long." })
  .superRefine((value, context) => {
    const problem = acsUrlProblem(value);
    if (problem) context.addIssue({ code: "custom", message: problem });
  });

export const spEntityIdField = z
  .string()
  .trim()
  .min(1, { error: "Enter the app's Entity ID (the app shows it as SP Entity ID or Audience)." })
  .max(1024, { error: "That Entity ID is too long (over 1,024 characters)." })
  .refine((value) => !CONTROL_CHARACTERS.test(value) && !/\s/.test(value), { error: "The Entity ID cannot contain spaces or line breaks. Copy it again." });

export const NAME_ID_FORMATS = {
  EMAIL: { label: "E-mail address", urn: "urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress" },
  PERSISTENT: { label: "Persistent", urn: "urn:oasis:names:tc:SAML:2.0:nameid-format:persistent" },
  UNSPECIFIED: { label: "Unspecified", urn: "urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified" },
} as const;
export type NameIdFormat = keyof typeof NAME_ID_FORMATS;

/** `userName`: the value provisioning sends as userName (from the app's field mapping); else a directory field. */
export const NAME_ID_SOURCES = ["userName", ...DIRECTORY_FIELD_KEYS] as const;
export type NameIdSource = "userName" | DirectoryField;

export const samlAttributeInput = z
  .object({
    name: z
      .string()
      .trim()
      .min(1, { error: "Enter the attribute's name, as the app expects it." })
      .max(256, { error: "Keep the attribute name under 256 characters." })
      .refine((value) => !CONTROL_CHARACTERS.test(value), { error: "The attribute name cannot contain line breaks or control characters." }),
    sourceField: z.enum(DIRECTORY_FIELD_KEYS as [DirectoryField, ...DirectoryField[]], { error: "Choose one of the directory fields in the list." }).nullable(),
    hardcodedValue: z
      .string()
      .trim()
      .max(500, { error: "Keep the value under 500 characters." })
      .refine((value) => !CONTROL_CHARACTERS.test(value), { error: "The value cannot contain line breaks or control characters." })
      .nullable(),
    transforms: transformSteps.default([]),
  })
  .refine((row) => (row.sourceField === null) !== (row.hardcodedValue === null), {
    error: "Choose either a directory field or a hardcoded value.",
    path: ["sourceField"],
  });
export type SamlAttributeInput = z.infer<typeof samlAttributeInput>;

export const samlSettingsInput = z.object({
  enabled: z.boolean(),
  spEntityId: spEntityIdField,
  acsUrl: acsUrlField,
  nameIdFormat: z
    .enum(Object.keys(NAME_ID_FORMATS) as [NameIdFormat, ...NameIdFormat[]], { error: "Choose one of the NameID formats in the list." })
    .default("EMAIL"),
  nameIdSource: z.enum(NAME_ID_SOURCES, { error: "Choose what the NameID holds from the list." }).default("userName"),
  attributes: z
    .array(samlAttributeInput)
    .max(MAX_SAML_ATTRIBUTES, { error: `Send at most ${MAX_SAML_ATTRIBUTES} attributes.` })
    .default([])
    .refine((rows) => new Set(rows.map((row) => row.name)).size === rows.length, { error: "Each attribute name can be used once." }),
});
export type SamlSettingsInput = z.infer<typeof samlSettingsInput>;
export type SamlSettingsForm = z.input<typeof samlSettingsInput>;
