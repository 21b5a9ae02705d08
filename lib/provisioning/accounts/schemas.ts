import { z } from "zod";

/** "Search the app's accounts" in the Link dialog: what the admin typed. */
export const searchAppAccountsInput = z.object({
  appId: z.uuid(),
  query: z.string().trim().min(1, "Type a user name, an e-mail or a name to search for.").max(200, "Type at most 200 characters."),
});
export type SearchAppAccountsInput = z.infer<typeof searchAppAccountsInput>;

/** "Link" in the Link dialog: this person's account in this app is the app's account `remoteId`. */
export const linkAccountInput = z.object({
  appId: z.uuid(),
  userId: z.uuid(),
  remoteId: z.string().trim().min(1, "Choose the app's account to link.").max(500),
});
export type LinkAccountInput = z.infer<typeof linkAccountInput>;
