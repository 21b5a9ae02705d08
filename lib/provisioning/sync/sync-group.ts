import "server-only";
import { db } from "../../db";
import { isScimError, GROUP_SCHEMA, type AttemptReport, type MemberChangeResult, type ScimError, type ScimGroup } from "../../scim";
import { ListingLimitError } from "../../scim/list-all-pages";
import { getConnector } from "../connectors/catalog";
import { planGroup, type AppGroup, type DesiredGroup, type GroupLink, type GroupStep } from "../plan/plan-group";
import { groupCallsFor, type GroupCalls } from "./app-clients";
import type { OperationKind, OperationRecord } from "./execute";
import { loadApp, type SyncApp } from "./load";
import { lockGroup } from "./pair-locks";

/**
 * Group push, on the same engine steps as people: lock the (app, group) pair → load what the directory wants and
 * Roster's link → plan (pure, lib/provisioning/plan/plan-group.ts) → execute against the app, re-planning after
 * each read → record in one short transaction. Members are the group's members who have an active account in the
 * app, changed by PATCH add/remove in chunks, never by replacing the list. No transaction is open while a
 * request is in flight.
 */

/** Members per PATCH: 10,000 members are 20 requests. Atlassian documents no limit per request. */
export const GROUP_MEMBER_CHUNK = 500;
/** Groups a listing compares names with, after a 409 no lookup explains. */
const HOLDER_SEARCH_LIMIT = 10_000;
/** Rounds of plan → execute; a lookup, a read or a 409 each take one. */
const MAX_ROUNDS = 6;

export interface GroupSyncResult {
  /** Another reconcile of this group holds it: try again shortly. */
  busy?: boolean;
  /** The group's members in the directory changed while it ran: run again now. */
  stale?: boolean;
  /** A failure worth retrying (5xx, 429, timeout): the job should fail so that it is retried. */
  retry?: { reason: string; retryAfterMs: number | null };
}

interface LoadedGroup {
  desired: DesiredGroup;
  /** The members' labels by remote id, for the log. */
  labels: Map<string, string>;
  link: GroupLink | null;
  /** The group's label for the log (its name, or the last name Roster knew). */
  label: string;
  known: boolean;
}

export async function reconcileGroup(appId: string, groupId: string, { attempt = 1 }: { attempt?: number } = {}): Promise<GroupSyncResult> {
  const app = await loadApp(appId);
  // Not provisioning now: Resume's sync reconciles every pushed group again.
  if (!app || app.state !== "ACTIVE") return {};
  const locks = await lockGroup(appId, groupId);
  if (locks.busy.length > 0) return { busy: true };
  try {
    const loaded = await loadGroup(app, groupId);
    if (!loaded.known && loaded.desired === null) return {};
    const run = new GroupRun(app, groupId, loaded, groupCallsFor(app));
    await run.execute();
    await run.record(attempt);
    if (run.retry) return { retry: run.retry };
    // A member whose account became active while this ran must not be left out. enqueueMany makes sure a repeat
    // gets its job even when this run took the pending one mid-way (lib/queue/enqueue.ts); reading the members
    // again costs one query and covers any other way a change could slip past the start of this run.
    const after = await loadGroup(app, groupId);
    return sameMembers(loaded.desired, after.desired) ? {} : { stale: true };
  } finally {
    await locks.release();
  }
}

function sameMembers(before: DesiredGroup, after: DesiredGroup): boolean {
  if (before === null || after === null) return before === after;
  if (before.name !== after.name || before.memberRemoteIds.length !== after.memberRemoteIds.length) return false;
  const members = new Set(before.memberRemoteIds);
  return after.memberRemoteIds.every((id) => members.has(id));
}

/** What the directory wants of the group in the app, and Roster's link to the app's copy. */
async function loadGroup(app: SyncApp, groupId: string): Promise<LoadedGroup> {
  const [group] = await db.$queryRaw<{ name: string; pushed: boolean }[]>`
    SELECT g.name, (${app.pushGroups} AND coalesce(ga.push, false)) AS pushed
    FROM groups g LEFT JOIN group_assignments ga ON ga.group_id = g.id AND ga.app_id = ${app.id}::uuid
    WHERE g.id = ${groupId}::uuid AND g.organization_id = ${app.organizationId}::uuid`;
  const linked = await db.appGroup.findUnique({
    where: { appId_groupId: { appId: app.id, groupId } },
    select: { remoteId: true, remoteName: true, groupLabel: true, state: true },
  });
  const link = linked?.remoteId && linked.state !== "DELETED" ? { remoteId: linked.remoteId, remoteName: linked.remoteName ?? linked.groupLabel } : null;
  const label = group?.name ?? linked?.groupLabel ?? groupId;
  if (!group?.pushed) return { desired: null, labels: new Map(), link, label, known: linked !== null };
  const members = await db.$queryRaw<{ remoteId: string; label: string }[]>`
    SELECT acc.remote_id AS "remoteId", acc.user_label AS label
    FROM group_members gm JOIN accounts acc ON acc.app_id = ${app.id}::uuid AND acc.user_id = gm.user_id
    WHERE gm.group_id = ${groupId}::uuid AND acc.remote_id IS NOT NULL AND acc.state = 'ACTIVE'`;
  return {
    desired: { name: group.name, memberRemoteIds: members.map((member) => member.remoteId) },
    labels: new Map(members.map((member) => [member.remoteId, member.label])),
    link,
    label,
    known: true,
  };
}

class GroupRun {
  readonly records: OperationRecord[] = [];
  link: GroupLink | null;
  appGroup: AppGroup = "unknown";
  /** The app refused the name or the group (a group of the same name Roster does not manage): recorded, not retried. */
  conflict: string | null = null;
  lastError: string | null = null;
  retry: GroupSyncResult["retry"] = undefined;
  canRename: boolean;
  /** The reason of a recreate step, for the create that follows it. */
  recreating: string | null = null;
  /** The old group of a recreate (an app that cannot rename), until it is deleted: the new name may have led elsewhere. */
  replaced: { remoteId: string; displayName: string } | null = null;
  current: OperationKind = "UPDATE";
  readonly groups: GroupCalls;

  constructor(
    readonly app: SyncApp,
    readonly groupId: string,
    readonly loaded: LoadedGroup,
    groups: GroupCalls,
  ) {
    this.link = loaded.link;
    this.canRename = getConnector(app.catalogKey)?.quirks.canRenameGroups ?? true;
    const onAttempt = (report: AttemptReport) => this.attempt(report);
    this.groups = {
      create: (resource, options) => groups.create(resource, { ...options, onAttempt }),
      get: (id, options) => groups.get(id, { ...options, onAttempt }),
      delete: (id, options) => groups.delete(id, { ...options, onAttempt }),
      findByDisplayName: (name, options) => groups.findByDisplayName(name, { ...options, onAttempt }),
      addMembers: (id, ids, options) => groups.addMembers(id, ids, { ...options, onAttempt }),
      removeMembers: (id, ids, options) => groups.removeMembers(id, ids, { ...options, onAttempt }),
      rename: (id, name, options) => groups.rename(id, name, { ...options, onAttempt }),
      list: (options) => groups.list({ ...options, onAttempt }),
    };
  }

  /** Each attempt the client repeats gets its own FAILED row, as for people. */
  attempt(report: AttemptReport) {
    if (!report.error || !report.willRetry) return;
    this.add(this.current, "FAILED", {
      httpStatus: report.status,
      message: `Attempt ${report.attempt} of ${report.of} (${report.method} ${report.path}) failed: ${report.error.message} Roster sent it again.`,
      durationMs: report.durationMs,
      errorKind: report.error.kind,
    });
  }

  add(kind: OperationKind, status: OperationRecord["status"], fields: Partial<Omit<OperationRecord, "kind" | "status">> = {}) {
    this.records.push({ kind, status, httpStatus: null, message: null, changes: null, durationMs: null, errorKind: null, at: new Date(), ...fields });
  }

  async execute(): Promise<void> {
    for (let round = 0; round < MAX_ROUNDS; round++) {
      const steps = planGroup({
        desired: this.loaded.desired,
        link: this.link,
        appGroup: this.appGroup,
        capabilities: { canRename: this.canRename },
        chunkSize: GROUP_MEMBER_CHUNK,
        appName: this.app.name,
      });
      if (steps.length === 0) return this.deleteReplaced();
      let replan = false;
      try {
        for (const step of steps) {
          replan = await this.step(step);
          if (replan) break;
        }
      } catch (error) {
        this.fail(error);
        return;
      }
      if (this.conflict) return;
      if (!replan) return this.deleteReplaced();
    }
  }

  /**
   * A recreate whose new name turned out to be taken links the group of that name instead (a 409, then a lookup),
   * and the plan made after it no longer knows the old group: it is deleted here, so no copy is left behind.
   */
  async deleteReplaced(): Promise<void> {
    const replaced = this.replaced;
    if (!replaced || this.link?.remoteId === replaced.remoteId) return;
    try {
      await this.step({ kind: "delete", remoteId: replaced.remoteId, displayName: replaced.displayName });
    } catch (error) {
      this.fail(error);
    }
  }

  /** Carries out one step; true when what it learnt calls for a new plan. */
  async step(step: GroupStep): Promise<boolean> {
    const started = performance.now();
    const took = () => Math.round(performance.now() - started);
    switch (step.kind) {
      case "lookup": {
        this.current = "LINK";
        const found = await this.groups.findByDisplayName(step.displayName);
        this.appGroup = found ? await this.withMembers(found) : null;
        return true;
      }
      case "read": {
        this.current = "UPDATE";
        try {
          this.appGroup = toAppGroup(await this.groups.get(step.remoteId));
        } catch (error) {
          if (!isScimError(error) || error.kind !== "notFound") throw error;
          this.appGroup = null;
        }
        return true;
      }
      case "unlink":
        this.link = null;
        this.appGroup = "unknown";
        this.recreating = step.reason;
        return true;
      case "recreate":
        this.recreating = step.reason;
        this.replaced = { remoteId: step.oldRemoteId, displayName: step.from };
        return false;
      case "create": {
        this.current = "CREATE";
        try {
          const created = await this.groups.create({ schemas: [GROUP_SCHEMA], displayName: step.displayName });
          this.link = { remoteId: created.id, remoteName: created.displayName };
          this.appGroup = { id: created.id, displayName: created.displayName, memberIds: [] };
          this.add("CREATE", "SUCCEEDED", {
            httpStatus: 201,
            message: this.recreating,
            changes: { displayName: { from: null, to: step.displayName } },
            durationMs: took(),
          });
          this.recreating = null;
          return false;
        } catch (error) {
          if (!isScimError(error) || error.kind !== "conflict") throw error;
          // Taken meanwhile, or under a case the server's filter compares exactly: look again, then through the app's groups.
          const found = (await this.groups.findByDisplayName(step.displayName)) ?? (await this.findByListing(step.displayName));
          if (!found) {
            this.conflict = `${this.app.name} refused to create “${step.displayName}” because a group of that name already exists (HTTP 409), and Roster cannot find it by name or among the app's groups to take it over: it may be a group the app manages itself. Rename the group in Roster, or remove or rename the app's group; the next change tries again.`;
            this.add("CREATE", "FAILED", { httpStatus: 409, message: this.conflict, errorKind: "conflict", durationMs: took() });
            return false;
          }
          this.link = null;
          this.appGroup = await this.withMembers(found);
          return true;
        }
      }
      case "link":
        this.link = { remoteId: step.remoteId, remoteName: step.displayName };
        this.add("LINK", "SUCCEEDED", {
          message: `“${step.displayName}” already existed in ${this.app.name}: Roster now keeps its members equal to the group's.`,
        });
        return false;
      case "rename": {
        this.current = "UPDATE";
        try {
          await this.groups.rename(step.remoteId, step.to);
        } catch (error) {
          // The app cannot rename after all: plan again as for such an app.
          if (isScimError(error) && error.kind === "badRequest" && this.canRename) {
            this.canRename = false;
            return true;
          }
          throw error;
        }
        this.link = { remoteId: step.remoteId, remoteName: step.to };
        if (this.appGroup !== "unknown" && this.appGroup !== null) this.appGroup = { ...this.appGroup, displayName: step.to };
        this.add("UPDATE", "SUCCEEDED", { httpStatus: 200, changes: { displayName: { from: step.from, to: step.to } }, durationMs: took() });
        return false;
      }
      case "addMembers":
      case "removeMembers":
        return this.changeMembers(step.kind === "addMembers" ? "add" : "remove", step.memberIds, took);
      case "delete": {
        this.current = "DELETE";
        try {
          await this.groups.delete(step.remoteId);
        } catch (error) {
          if (!isScimError(error) || error.kind !== "notFound") throw error;
        }
        this.add("DELETE", "SUCCEEDED", { httpStatus: 204, changes: { displayName: { from: step.displayName, to: null } }, durationMs: took() });
        if (this.link?.remoteId === step.remoteId) this.link = null;
        if (this.replaced?.remoteId === step.remoteId) this.replaced = null;
        if (this.appGroup !== "unknown" && this.appGroup?.id === step.remoteId) this.appGroup = null;
        return false;
      }
      case "skip":
        this.add("UPDATE", "SKIPPED", { message: step.reason });
        return false;
    }
  }

  async changeMembers(change: "add" | "remove", memberIds: string[], took: () => number): Promise<boolean> {
    const remote = this.link?.remoteId ?? (this.appGroup !== "unknown" ? this.appGroup?.id : undefined);
    if (!remote) throw new Error("Members can only change in a group Roster has found or created.");
    this.current = "UPDATE";
    const result: MemberChangeResult =
      change === "add"
        ? await this.groups.addMembers(remote, memberIds, { chunkSize: memberIds.length })
        : await this.groups.removeMembers(remote, memberIds, { chunkSize: memberIds.length });
    const names = await this.labelsOf(memberIds);
    const path = change === "add" ? "members added" : "members removed";
    const changes = { [path]: { from: null, to: listed(names) } };
    const failed = result.chunks.find((chunk) => !chunk.ok);
    if (!failed) {
      const members = new Set(this.appGroup !== "unknown" && this.appGroup ? this.appGroup.memberIds : []);
      for (const id of memberIds)
        if (change === "add") members.add(id);
        else members.delete(id);
      if (this.appGroup !== "unknown" && this.appGroup) this.appGroup = { ...this.appGroup, memberIds: [...members] };
      this.add("UPDATE", "SUCCEEDED", { httpStatus: 200, changes, durationMs: took() });
      return false;
    }
    const error = (failed as { error: ScimError }).error;
    if (error.kind === "forbidden") {
      const name = this.appGroup !== "unknown" && this.appGroup ? this.appGroup.displayName : this.loaded.label;
      this.conflict = `${this.app.name} does not let Roster change “${name}”: that group is managed outside SCIM in ${this.app.name} (HTTP ${error.status ?? 403}), so Roster cannot keep its members. Rename the group in Roster to push it as a group of its own, or remove the group in ${this.app.name}.`;
      this.add("UPDATE", "FAILED", { httpStatus: error.status ?? 403, message: this.conflict, errorKind: error.kind, changes, durationMs: took() });
      return false;
    }
    throw Object.assign(error, { changesTried: changes });
  }

  /** The app's group of this name, compared case-insensitively through its listing (the first HOLDER_SEARCH_LIMIT groups). */
  async findByListing(displayName: string): Promise<ScimGroup | undefined> {
    const wanted = displayName.toLowerCase();
    try {
      for await (const group of this.groups.list({ maxResources: HOLDER_SEARCH_LIMIT })) {
        if (group.displayName.toLowerCase() === wanted) return group;
      }
    } catch (error) {
      // More groups than Roster compares: the conflict is shown instead.
      if (!(error instanceof ListingLimitError)) throw error;
    }
    return undefined;
  }

  /**
   * The members' labels for the log. A member being removed is usually no longer among the desired members (their
   * account was deactivated or they left the group), so their label is read from their account in the app; a member
   * Roster has no account for stays an id.
   */
  async labelsOf(memberIds: readonly string[]): Promise<string[]> {
    const missing = memberIds.filter((id) => !this.loaded.labels.has(id));
    if (missing.length > 0) {
      const accounts = await db.account.findMany({
        where: { appId: this.app.id, remoteId: { in: missing } },
        select: { remoteId: true, userLabel: true },
      });
      for (const account of accounts) if (account.remoteId) this.loaded.labels.set(account.remoteId, account.userLabel);
    }
    return memberIds.map((id) => this.loaded.labels.get(id) ?? id);
  }

  /** A group found by name may come without its members (large groups): read it by id for them. */
  async withMembers(found: ScimGroup): Promise<AppGroup> {
    return toAppGroup(found.members === undefined ? await this.groups.get(found.id) : found);
  }

  fail(error: unknown) {
    const scim = isScimError(error) ? error : null;
    const message = scim?.message ?? (error instanceof Error ? error.message : String(error));
    this.lastError = message;
    const changes = (error as { changesTried?: unknown }).changesTried ?? null;
    this.add(this.current, "FAILED", { httpStatus: scim?.status ?? null, message, errorKind: scim?.kind ?? null, changes });
    if (!scim || scim.retryable !== false) this.retry = { reason: message, retryAfterMs: scim?.retryAfterMs ?? null };
  }

  /** One short transaction: the log rows and the group's record in the app. */
  async record(attempt: number): Promise<void> {
    const linkedNow = this.link;
    const members = this.appGroup !== "unknown" && this.appGroup ? [...this.appGroup.memberIds] : undefined;
    const state = this.conflict ? "CONFLICT" : linkedNow ? "ACTIVE" : this.loaded.desired === null ? "DELETED" : "ACTIVE";
    const error = this.conflict ?? this.lastError;
    const now = new Date();
    const data = {
      groupLabel: this.loaded.label,
      remoteId: linkedNow?.remoteId ?? null,
      remoteName: linkedNow?.remoteName ?? null,
      ...(members ? { pushedMemberIds: members } : {}),
      state,
      lastError: error,
      lastErrorAt: error ? now : null,
      lastSyncedAt: now,
    } as const;
    await db.$transaction(async (tx) => {
      if (this.records.length > 0) {
        await tx.operation.createMany({
          data: this.records.map((record) => ({
            appId: this.app.id,
            groupId: this.groupId,
            userLabel: this.loaded.label,
            kind: record.kind,
            status: record.status,
            httpStatus: record.httpStatus,
            message: record.message,
            errorKind: record.errorKind,
            changes: record.changes ?? undefined,
            attempt,
            durationMs: record.durationMs === null ? null : Math.round(record.durationMs),
            createdAt: record.at,
          })),
        });
      }
      await tx.appGroup.upsert({
        where: { appId_groupId: { appId: this.app.id, groupId: this.groupId } },
        create: { appId: this.app.id, groupId: this.groupId, ...data },
        update: data,
        select: { id: true },
      });
    });
  }
}

function toAppGroup(group: ScimGroup): AppGroup {
  return { id: group.id, displayName: group.displayName, memberIds: (group.members ?? []).map((member) => member.value) };
}

/** "Ada Byron <ada@…>, Bo Chen <bo@…> and 98 more", short enough for a log row. */
function listed(names: readonly string[]): string {
  const shown = names.slice(0, 5).join(", ");
  return names.length > 5 ? `${shown} and ${(names.length - 5).toLocaleString("en-US")} more (${names.length.toLocaleString("en-US")} in all)` : shown;
}
