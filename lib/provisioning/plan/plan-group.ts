/**
 * Level-triggered planning for one pushed group: from the members the directory wants in it, Roster's
 * link to the app's group and that group as last read, the steps that bring the app in line. Pure:
 * the worker reads, calls this, carries out the steps in order, and plans again after anything it
 * could not foresee (a lookup's answer, a 409 on create, a 404 on the linked group).
 *
 * Members are compared as sets of remote user ids and changed by adding and removing, never by
 * replacing the whole list: a PUT of 35,000 members that fails halfway loses people's access.
 */

/** What Roster wants in the app: the group's name and the remote ids of its members who have an account there. Null: stop pushing it (delete it in the app). */
export type DesiredGroup = { name: string; memberRemoteIds: readonly string[] } | null;

/** Roster's record of the app's group it pushes to, if any. */
export interface GroupLink {
  remoteId: string;
  remoteName: string;
}

/**
 * The app's group as last read: for a linked group, read by its id (null: the app has no such group
 * any more); for an unlinked one, found by looking up the desired name (null: no group has it).
 * "unknown": not read yet.
 */
export type AppGroup = { id: string; displayName: string; memberIds: readonly string[] } | null | "unknown";

export interface GroupCapabilities {
  /** Whether the app can rename a group. Atlassian cannot rename a synced group. */
  canRename: boolean;
}

export interface PlanGroupInput {
  desired: DesiredGroup;
  link: GroupLink | null;
  appGroup: AppGroup;
  capabilities: GroupCapabilities;
  /** Members per addMembers or removeMembers step, each one PATCH request. */
  chunkSize: number;
  /** For the reasons the log shows, e.g. "Atlassian". Default "The app". */
  appName?: string;
}

export type GroupStep =
  /** Find the app's group by displayName (case-insensitively), then plan again with what was found. Always before a create. */
  | { kind: "lookup"; displayName: string }
  /** Read the linked group by id (its members above all), then plan again with it. */
  | { kind: "read"; remoteId: string }
  /** The linked group is gone from the app: forget the link; the next plan looks the name up again. */
  | { kind: "unlink"; remoteId: string; reason: string }
  /** Create an empty group; the members follow in addMembers steps, so a refusal is per chunk. On 409, look up and link instead. The new group becomes the link. */
  | { kind: "create"; displayName: string }
  /** Adopt the app's existing group of the same name as Roster's. */
  | { kind: "link"; remoteId: string; displayName: string }
  | { kind: "rename"; remoteId: string; from: string; to: string }
  /**
   * The app cannot rename: the steps after this one create the new name, add every member and
   * delete the old group. This step itself sends nothing; it carries the reason for the log.
   */
  | { kind: "recreate"; oldRemoteId: string; from: string; to: string; reason: string }
  /** One PATCH each. `chunk` of `of` counts within the same kind of step. */
  | { kind: "addMembers"; memberIds: string[]; chunk: number; of: number }
  | { kind: "removeMembers"; memberIds: string[]; chunk: number; of: number }
  | { kind: "delete"; remoteId: string; displayName: string }
  /** Something wanted that cannot be done, with the reason the log shows. */
  | { kind: "skip"; wanted: "rename"; reason: string };

export function planGroup(input: PlanGroupInput): GroupStep[] {
  const { desired, link, appGroup, capabilities, chunkSize } = input;
  const appName = input.appName ?? "The app";
  if (!Number.isInteger(chunkSize) || chunkSize < 1) throw new TypeError(`The chunk size must be a whole number of at least 1, not ${chunkSize}.`);

  // No longer pushed: delete what Roster pushed, and never a group it did not create or adopt.
  if (desired === null) {
    if (link === null) return [];
    if (appGroup === null) return [{ kind: "unlink", remoteId: link.remoteId, reason: `“${link.remoteName}” is already gone from ${lower(appName)}.` }];
    return [{ kind: "delete", remoteId: link.remoteId, displayName: appGroup === "unknown" ? link.remoteName : appGroup.displayName }];
  }

  const wanted = unique(desired.memberRemoteIds);
  if (link === null) {
    if (appGroup === "unknown") return [{ kind: "lookup", displayName: desired.name }];
    if (appGroup === null) return [{ kind: "create", displayName: desired.name }, ...chunked("addMembers", wanted, chunkSize)];
    if (appGroup.displayName.toLowerCase() !== desired.name.toLowerCase()) {
      throw new TypeError(`The group found, “${appGroup.displayName}”, does not have the name looked up, “${desired.name}”.`);
    }
    return [{ kind: "link", remoteId: appGroup.id, displayName: appGroup.displayName }, ...memberSteps(wanted, appGroup.memberIds, chunkSize)];
  }

  if (appGroup === "unknown") return [{ kind: "read", remoteId: link.remoteId }];
  if (appGroup === null) {
    return [
      { kind: "unlink", remoteId: link.remoteId, reason: `“${link.remoteName}” was deleted in ${lower(appName)}; Roster looks for “${desired.name}” again.` },
    ];
  }

  const from = appGroup.displayName;
  const to = desired.name;
  if (from === to) return memberSteps(wanted, appGroup.memberIds, chunkSize);
  if (capabilities.canRename) return [{ kind: "rename", remoteId: appGroup.id, from, to }, ...memberSteps(wanted, appGroup.memberIds, chunkSize)];
  // A name that differs only in case cannot be created beside the old one: names are unique regardless of case.
  if (from.toLowerCase() === to.toLowerCase()) {
    return [
      { kind: "skip", wanted: "rename", reason: `${appName} cannot rename a group, nor create “${to}” beside “${from}”: the group keeps the name “${from}”.` },
      ...memberSteps(wanted, appGroup.memberIds, chunkSize),
    ];
  }
  return [
    {
      kind: "recreate",
      oldRemoteId: appGroup.id,
      from,
      to,
      reason: `${appName} cannot rename a group: Roster created “${to}” with the same members and deleted “${from}”.`,
    },
    { kind: "create", displayName: to },
    ...chunked("addMembers", wanted, chunkSize),
    { kind: "delete", remoteId: appGroup.id, displayName: from },
  ];
}

/** Removals first: a group near the app's member cap then has room for the additions. */
function memberSteps(wanted: readonly string[], current: readonly string[], chunkSize: number): GroupStep[] {
  const wantedSet = new Set(wanted);
  const currentSet = new Set(current);
  const toRemove = unique(current).filter((id) => !wantedSet.has(id));
  const toAdd = wanted.filter((id) => !currentSet.has(id));
  return [...chunked("removeMembers", toRemove, chunkSize), ...chunked("addMembers", toAdd, chunkSize)];
}

function chunked(kind: "addMembers" | "removeMembers", ids: readonly string[], chunkSize: number): GroupStep[] {
  const of = Math.ceil(ids.length / chunkSize);
  return Array.from({ length: of }, (_, index) => ({ kind, memberIds: ids.slice(index * chunkSize, (index + 1) * chunkSize), chunk: index + 1, of }));
}

function unique(ids: readonly string[]): string[] {
  return [...new Set(ids)];
}

function lower(appName: string): string {
  return appName === "The app" ? "the app" : appName;
}
