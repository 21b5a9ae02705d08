import type { MappedValues } from "../mapping/build-scim-user";
import { PRIMARY_EMAIL } from "../mapping/target-attributes";
import { IMPORT_ACTIONS, type ClassifiedCandidate, type DirectoryCandidate, type ImportAction, type MatchKind, type RemoteUser } from "./candidate-types";

/**
 * What importing each of the app's users would do (ARCHITECTURE.md, "Import").
 * Pure and linear: Maps are built once, so 50,000 × 50,000 takes milliseconds.
 *
 * Matching: externalId = our id (exact), then userName = e-mail, then the
 * app's primary e-mail = e-mail (both case-insensitive). A remote user whose
 * keys point at two different people, or a person two remote users claim,
 * is a conflict: shown with the reason, never applied.
 */
export function classifyCandidates(remote: readonly RemoteUser[], directory: readonly DirectoryCandidate[]): ClassifiedCandidate[] {
  const classifier = createClassifier(directory);
  return [...classifier.classify(remote), ...classifier.remaining()];
}

/**
 * The same classification, fed a batch of the app's users at a time, so an
 * import of 50,000 users never holds them all: it remembers only which
 * directory people were claimed. Call `remaining()` once, after the last batch.
 */
export function createClassifier(directory: readonly DirectoryCandidate[]) {
  const byId = new Map(directory.map((person) => [person.id, person]));
  const byEmail = new Map<string, DirectoryCandidate>();
  for (const person of directory) byEmail.set(normalise(person.email), person);
  const claimedBy = new Map<string, string>(); // person id → the remote userName that matched first

  function classifyOne(user: RemoteUser): ClassifiedCandidate {
    const found = match(user, byId, byEmail);
    if ("conflict" in found) {
      // Both people have an account in the app (one of them, at least): neither may be taken for absent and unassigned.
      for (const id of found.people) if (!claimedBy.has(id)) claimedBy.set(id, user.userName);
      return { remote: user, matchedUserId: null, matchedBy: null, actions: [], conflict: found.conflict, diff: {} };
    }
    if (!found.person) {
      // A deactivated stranger is listed but not offered: creating a person only to leave them without access helps nobody.
      return { remote: user, matchedUserId: null, matchedBy: null, actions: user.active ? ["NEW"] : [], conflict: null, diff: {} };
    }
    const person = found.person;
    const earlier = claimedBy.get(person.id);
    if (earlier !== undefined) {
      return {
        remote: user,
        matchedUserId: null,
        matchedBy: null,
        actions: [],
        conflict: `Another user in the app, ${earlier}, already matches ${person.email}; Roster will not choose between them.`,
        diff: {},
      };
    }
    claimedBy.set(person.id, user.userName);
    const diff = differences(person.values, user.values);
    const actions = new Set<ImportAction>();
    if (Object.keys(diff).length > 0) actions.add("UPDATE");
    if (user.active && !person.assigned) actions.add("ACTIVATE");
    if (!user.active && person.assigned) actions.add("DEACTIVATE");
    return { remote: user, matchedUserId: person.id, matchedBy: found.by, actions: ordered(actions), conflict: null, diff };
  }

  return {
    classify: (batch: readonly RemoteUser[]): ClassifiedCandidate[] => batch.map(classifyOne),
    /** Assigned here but nowhere in the app: importing takes the app away from them. */
    remaining: (): ClassifiedCandidate[] =>
      directory
        .filter((person) => person.assigned && !claimedBy.has(person.id))
        .map((person) => ({ remote: null, matchedUserId: person.id, matchedBy: null, actions: ["DEACTIVATE"], conflict: null, diff: {} })),
  };
}

/** User names and e-mails are compared without regard to case, as SCIM and the directory treat them. */
const CASE_INSENSITIVE = new Set<string>(["userName", PRIMARY_EMAIL]);

function normalise(value: string): string {
  return value.trim().toLowerCase();
}

type Found = { person: DirectoryCandidate | null; by: MatchKind | null } | { conflict: string; people: string[] };

function match(user: RemoteUser, byId: Map<string, DirectoryCandidate>, byEmail: Map<string, DirectoryCandidate>): Found {
  const byExternalId = user.externalId ? byId.get(user.externalId) : undefined;
  if (byExternalId) return { person: byExternalId, by: "externalId" };
  const byUserName = byEmail.get(normalise(user.userName));
  const byPrimaryEmail = user.email ? byEmail.get(normalise(user.email)) : undefined;
  if (byUserName && byPrimaryEmail && byUserName.id !== byPrimaryEmail.id) {
    return {
      conflict: `This user's username matches ${byUserName.email} and its e-mail matches ${byPrimaryEmail.email} in the directory; Roster will not choose between them.`,
      people: [byUserName.id, byPrimaryEmail.id],
    };
  }
  if (byUserName) return { person: byUserName, by: "userName" };
  if (byPrimaryEmail) return { person: byPrimaryEmail, by: "email" };
  return { person: null, by: null };
}

/**
 * The mapped paths where the app's value differs from the directory's. A path
 * the app has no value for is not a difference: importing must not blank a
 * directory field just because the app lacks the attribute.
 */
function differences(directory: MappedValues, app: MappedValues): ClassifiedCandidate["diff"] {
  const diff: ClassifiedCandidate["diff"] = {};
  for (const [path, appValue] of Object.entries(app) as [keyof MappedValues, string | undefined][]) {
    const theirs = appValue?.trim();
    if (!theirs) continue;
    const ours = directory[path]?.trim() ?? null;
    const same = CASE_INSENSITIVE.has(path) ? ours?.toLowerCase() === theirs.toLowerCase() : ours === theirs;
    if (!same) diff[path] = { directory: ours, app: theirs };
  }
  return diff;
}

function ordered(actions: Set<ImportAction>): ImportAction[] {
  return IMPORT_ACTIONS.filter((action) => actions.has(action));
}
