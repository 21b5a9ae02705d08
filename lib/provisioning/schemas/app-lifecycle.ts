/**
 * Inputs of an app's lifecycle: adding it under a name, renaming it, stopping and resuming provisioning, deleting
 * it. Pure zod (and one pure helper): safe in the browser.
 */
import { z } from "zod";

export const appNameField = z
  .string()
  .trim()
  .min(1, { error: "Enter a name for the app, such as “Atlassian” or “Atlassian (staging)”." })
  .max(80, { error: "Keep the name to 80 characters or fewer." })
  .refine((value) => !/[\u0000-\u001f\u007f]/.test(value), { error: "The name cannot contain line breaks or control characters." });

export const addAppInput = z.object({ catalogKey: z.string().max(50), name: appNameField });
export type AddAppInput = z.infer<typeof addAppInput>;
export type AddAppForm = z.input<typeof addAppInput>;

export const renameAppInput = z.object({ appId: z.uuid(), name: appNameField });
export type RenameAppInput = z.infer<typeof renameAppInput>;

export const appIdInput = z.object({ appId: z.uuid() });

/** Delete: leave the accounts in the app as they are, or deactivate every one Roster manages there first. */
export const deleteAppInput = z.object({ appId: z.uuid(), accounts: z.enum(["leave", "deactivate"]), confirmName: z.string().max(200) });
export type DeleteAppInput = z.infer<typeof deleteAppInput>;

/**
 * A Sync endpoint as it is compared with another app's: lower-case scheme and host, no default port, no trailing
 * slash. The path keeps its case (SCIM servers may tell paths apart by case). Null for something that is not a URL.
 */
export function normaliseEndpoint(value: string): string | null {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    return null;
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return null;
  // URL already lower-cases the scheme and host and drops a default port.
  return `${url.protocol}//${url.host}${url.pathname.replace(/\/+$/, "")}`;
}
