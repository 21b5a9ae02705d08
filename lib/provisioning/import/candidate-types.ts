/**
 * The vocabulary of importing an app's users into the directory (see
 * "Import" in ARCHITECTURE.md). Pure types, shared by the classifier, the
 * fetch job, the confirm service and the review page.
 */
import type { MappedValues } from "../mapping/build-scim-user";

export const IMPORT_ACTIONS = ["NEW", "UPDATE", "ACTIVATE", "DEACTIVATE"] as const;
export type ImportAction = (typeof IMPORT_ACTIONS)[number];

/** What an admin confirmed: chosen candidates, or every candidate (of one action). */
export type ImportSelection = { candidateIds: string[] } | { filter: "ALL" | ImportAction };

/** One user as the app returned it, reduced to what matching and review need. */
export interface RemoteUser {
  remoteId: string;
  userName: string;
  externalId: string | null;
  /** The primary (else first) e-mail, as the app has it. */
  email: string | null;
  /** A missing `active` counts as true, as Atlassian documents. */
  active: boolean;
  /** The app's values at the mapped paths (readScimValues). */
  values: MappedValues;
  /** The names of the app's groups the user is a member of (remoteGroupNames); empty when the app does not say. */
  groups: string[];
}

/** A directory person as import compares them. */
export interface DirectoryCandidate {
  id: string;
  email: string;
  assigned: boolean;
  /** The directory's values at the mapped paths (mapValues). */
  values: MappedValues;
}

export type MatchKind = "externalId" | "userName" | "email";

export interface ClassifiedCandidate {
  /** Null for a directory person the app does not have (only DEACTIVATE). */
  remote: RemoteUser | null;
  /** The directory person this remote user matched, if exactly one did. */
  matchedUserId: string | null;
  matchedBy: MatchKind | null;
  /** Empty for a candidate with nothing to do, or a conflict. */
  actions: ImportAction[];
  /** Set when the remote user matches more than one directory person: never applied silently. */
  conflict: string | null;
  /** directory value → app value, for every mapped path where they differ (matched candidates only). */
  diff: Partial<Record<string, { directory: string | null; app: string | null }>>;
}
