/**
 * Inputs of the provisioning wizard, shared by its forms and the server.
 * Pure zod: safe in the browser.
 */
import { z } from "zod";
import { transformSteps } from "../mapping/transforms";

const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/;

export const baseUrlField = z
  .string()
  .trim()
  .min(1, { error: "Enter the Sync endpoint (the SCIM base URL)." })
  .max(2048, { error: "That URL is too long." })
  .superRefine((value, context) => {
    if (/\s/.test(value)) return context.addIssue({ code: "custom", message: "The URL cannot contain spaces. Paste it again without them." });
    if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) {
      return context.addIssue({ code: "custom", message: "Start the URL with https://, for example https://api.atlassian.com/scim/directory/…" });
    }
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      return context.addIssue({ code: "custom", message: "This is not a valid URL. Copy the SCIM base URL from the app again." });
    }
    if (url.protocol !== "https:" && url.protocol !== "http:") {
      return context.addIssue({ code: "custom", message: "The URL must start with https://." });
    }
    if (url.username || url.password) {
      return context.addIssue({ code: "custom", message: "Leave user names and passwords out of the URL; the SCIM token goes in its own field." });
    }
    if (url.hash) return context.addIssue({ code: "custom", message: "Remove the #… part from the URL." });
    if (url.search) return context.addIssue({ code: "custom", message: "Remove the ?… part from the URL; enter only the SCIM base URL." });
  });

export const tokenField = z
  .string()
  .max(4096, { error: "That token is too long for a SCIM token (over 4,096 characters). Copy just the token." })
  .refine((value) => !/\s/.test(value.trim()), { error: "The token cannot contain spaces or line breaks. Copy it again." })
  .transform((value) => value.trim());

export const configureProvisioningInput = z.object({
  baseUrl: baseUrlField,
  /** Empty keeps the stored token. */
  token: tokenField.optional().default(""),
  /** yyyy-mm-dd, or empty when the token does not expire. */
  tokenExpiresOn: z
    .string()
    .trim()
    .refine((value) => value === "" || (/^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(value))), {
      error: "Enter the expiry date as a date, or leave it empty.",
    })
    .optional()
    .default(""),
});
export type ConfigureProvisioningInput = z.infer<typeof configureProvisioningInput>;
export type ConfigureProvisioningForm = z.input<typeof configureProvisioningInput>;

export const hardcodedValueField = z
  .string()
  .trim()
  .min(1, { error: "Enter the value to send, or choose a directory field." })
  .max(500, { error: "Keep a hardcoded value under 500 characters." })
  .refine((value) => !CONTROL_CHARACTERS.test(value), { error: "A hardcoded value cannot contain line breaks or control characters." });

export const mappingRuleInput = z.object({
  target: z.string().min(1).max(200),
  sourceField: z.string().max(50).nullable(),
  hardcodedValue: hardcodedValueField.nullable(),
  /** Applied in order to the directory field's value; empty for a plain field or a hardcoded value. */
  transforms: transformSteps.optional(),
});
export type MappingRuleInput = z.infer<typeof mappingRuleInput>;

export const saveMappingInput = z.object({
  appId: z.uuid(),
  rules: z.array(mappingRuleInput).max(100),
});

export const syncActionsInput = z.object({
  appId: z.uuid(),
  syncCreate: z.boolean(),
  syncUpdate: z.boolean(),
  syncDelete: z.boolean(),
  syncActivation: z.boolean(),
  /** Left out: unchanged. */
  pushGroups: z.boolean().optional(),
});
export type SyncActionsInput = z.infer<typeof syncActionsInput>;
