import { z } from "zod";

/**
 * Ways real SCIM servers bend the rules, which the sandbox can play on request so that tests meet
 * them before an administrator does. Each is off by default; the sandbox is then Atlassian-like.
 * Only the sandbox knows about these: production code must cope without being told.
 */
export const SERVER_QUIRKS = {
  exactCaseFilters:
    'Filter values are compared exactly, case included: userName eq "farid@x" does not find Farid@X. Uniqueness on create stays case-insensitive, so creating farid@x then answers 409 uniqueness.',
  missingIs500: "PATCH, PUT and DELETE of a user that does not exist answer 500 instead of 404 (GET still answers 404).",
  patchAnswers204: "PATCH of a user or a group answers 204 with no body.",
  noLocationHeader: "Creates answer 201 without a Location header.",
  pagePastEndRepeatsFirst: "A startIndex past the last resource answers the first page again.",
  onlyEqFilters: "Any filter operator other than eq answers 400 invalidFilter, whatever the attribute.",
  idIsUserName: "A new user's id is its userName, so ids contain @ (and anything else a user name may hold) and must be encoded in paths.",
  replaceMembersAdds:
    'A group PATCH "replace" of members adds the members given instead of replacing the list, so a client that meant to drop the others does not.',
  groupRenameAllowed: "Groups can be renamed through PATCH or PUT. Off, a new displayName answers 400, since Atlassian cannot rename a synced group.",
  userGroupsOmitted: "Users come without their read-only groups attribute: only /Groups says who is a member of which group.",
} as const satisfies Record<string, string>;

export type ServerQuirk = keyof typeof SERVER_QUIRKS;

export const SERVER_QUIRK_NAMES = Object.keys(SERVER_QUIRKS) as ServerQuirk[];

/** Strict, like the fault settings: a misspelt quirk fails loudly instead of switching nothing on. */
export const quirkSettingsSchema = z.partialRecord(z.enum(SERVER_QUIRK_NAMES as [ServerQuirk, ...ServerQuirk[]]), z.boolean());

export type QuirkSettings = z.infer<typeof quirkSettingsSchema>;

/** The quirks switched on, changeable while the sandbox runs (POST /__sandbox/quirks). */
export class ServerQuirks {
  #settings: QuirkSettings = {};

  constructor(settings: QuirkSettings = {}) {
    this.set(settings);
  }

  get settings(): QuirkSettings {
    return this.#settings;
  }

  /** Replaces every setting; an empty object turns every quirk off. */
  set(settings: QuirkSettings): void {
    this.#settings = quirkSettingsSchema.parse(settings);
  }

  has(quirk: ServerQuirk): boolean {
    return this.#settings[quirk] === true;
  }
}
