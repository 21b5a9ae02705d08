import { randomUUID } from "node:crypto";
import type { Attributes } from "./coerce-attributes.ts";
import { ScimProblem, notFound } from "./scim-problem.ts";

export interface StoredGroup {
  id: string;
  created: string;
  lastModified: string;
  /** displayName, externalId, and members as `{ value: userId }`; display names are filled in when rendered. */
  attributes: Attributes;
  /**
   * A group Atlassian has that was not created over SCIM (a site group such as `confluence-users`,
   * made in the admin UI): listed and readable over SCIM, but never changed through it.
   */
  siteGroup?: boolean;
}

/** Atlassian's limit of users per group (it was 20,000 in 2022). */
export const DEFAULT_GROUP_MEMBER_CAP = 35_000;

/** Groups in memory, with display names indexed lower-cased: Atlassian refuses two groups whose names differ only in case. */
export class GroupStore {
  readonly #byId = new Map<string, StoredGroup>();
  readonly #idByName = new Map<string, string>();
  /** User id → the groups that list it, built when first asked for and dropped by any change, so a users list renders each user's groups in constant time. */
  #groupsByMember: Map<string, StoredGroup[]> | undefined;
  /** Members a group may have; a setting like the faults, so a reset keeps it. */
  memberCap = DEFAULT_GROUP_MEMBER_CAP;

  get(id: string): StoredGroup | undefined {
    return this.#byId.get(id);
  }

  findByDisplayName(displayName: string): StoredGroup | undefined {
    const id = this.#idByName.get(displayName.toLowerCase());
    return id === undefined ? undefined : this.#byId.get(id);
  }

  all(): StoredGroup[] {
    return [...this.#byId.values()];
  }

  /** The groups the user is a member of, in the order they were created. */
  groupsOf(userId: string): readonly StoredGroup[] {
    if (!this.#groupsByMember) {
      const index = new Map<string, StoredGroup[]>();
      for (const group of this.#byId.values()) {
        for (const { value } of (group.attributes.members ?? []) as { value: string }[]) {
          const groups = index.get(value);
          if (groups) groups.push(group);
          else index.set(value, [group]);
        }
      }
      this.#groupsByMember = index;
    }
    return this.#groupsByMember.get(userId) ?? [];
  }

  create(attributes: Attributes, now: Date, options: { siteGroup?: boolean } = {}): StoredGroup {
    this.#assertUnique(attributes);
    const timestamp = now.toISOString();
    const group: StoredGroup = { id: randomUUID(), created: timestamp, lastModified: timestamp, attributes, ...(options.siteGroup ? { siteGroup: true } : {}) };
    this.#insert(group);
    return group;
  }

  replace(id: string, attributes: Attributes, now: Date): StoredGroup {
    const existing = this.#byId.get(id);
    if (!existing) throw notFound("Group", id);
    this.#assertUnique(attributes, id);
    this.#idByName.delete(nameKey(existing.attributes));
    const group = { ...existing, attributes, lastModified: now.toISOString() };
    this.#insert(group);
    return group;
  }

  delete(id: string): void {
    const existing = this.#byId.get(id);
    if (!existing) throw notFound("Group", id);
    this.#idByName.delete(nameKey(existing.attributes));
    this.#byId.delete(id);
    this.#groupsByMember = undefined;
  }

  /** Deleting a SCIM user removes its group memberships, as Atlassian does. */
  removeMember(userId: string, now: Date): void {
    for (const group of this.#byId.values()) {
      const members = (group.attributes.members ?? []) as { value: string }[];
      if (!members.some((member) => member.value === userId)) continue;
      group.attributes = { ...group.attributes, members: members.filter((member) => member.value !== userId) };
      group.lastModified = now.toISOString();
      this.#groupsByMember = undefined;
    }
  }

  restore(groups: readonly StoredGroup[]): void {
    for (const group of groups) this.#insert(group);
  }

  clear(): void {
    this.#byId.clear();
    this.#idByName.clear();
    this.#groupsByMember = undefined;
  }

  #insert(group: StoredGroup): void {
    this.#byId.set(group.id, group);
    this.#idByName.set(nameKey(group.attributes), group.id);
    this.#groupsByMember = undefined;
  }

  #assertUnique(attributes: Attributes, selfId?: string): void {
    const owner = this.#idByName.get(nameKey(attributes));
    if (owner !== undefined && owner !== selfId) {
      throw new ScimProblem(409, "Resource [GROUP]: with displayName already exists.", "uniqueness");
    }
  }
}

function nameKey(attributes: Attributes): string {
  return String(attributes.displayName).toLowerCase();
}
