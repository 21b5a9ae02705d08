import { randomBytes, randomUUID } from "node:crypto";
import type { Attributes } from "./coerce-attributes.ts";
import { ScimProblem, notFound } from "./scim-problem.ts";

export interface StoredUser {
  id: string;
  /** Read-only, like Atlassian's: set once at creation and never changed by PUT or PATCH. */
  atlassianAccountId: string;
  created: string;
  lastModified: string;
  attributes: Attributes;
}

/**
 * Users in memory with the indexes uniqueness checks and filters need, so that a directory of
 * 100,000 users answers a lookup in constant time. User names and e-mails are indexed lower-cased
 * (compared without regard to case); externalId exactly (RFC 7643: caseExact).
 */
export class UserStore {
  readonly #byId = new Map<string, StoredUser>();
  readonly #idByUserName = new Map<string, string>();
  readonly #idByEmail = new Map<string, string>();
  readonly #idByExternalId = new Map<string, string>();
  /** Insertion order for paging, rebuilt only after a create or delete. */
  #order: StoredUser[] | undefined;

  get size(): number {
    return this.#byId.size;
  }

  get(id: string): StoredUser | undefined {
    return this.#byId.get(id);
  }

  findByUserName(userName: string): StoredUser | undefined {
    return this.#lookup(this.#idByUserName, userName.toLowerCase());
  }

  findByExternalId(externalId: string): StoredUser | undefined {
    return this.#lookup(this.#idByExternalId, externalId);
  }

  all(): readonly StoredUser[] {
    this.#order ??= [...this.#byId.values()];
    return this.#order;
  }

  /** `id` is chosen by the store unless given (the `idIsUserName` quirk); a given id already in use is a conflict. */
  create(attributes: Attributes, now: Date, id: string = randomUUID()): StoredUser {
    this.#assertUnique(attributes);
    if (this.#byId.has(id)) throw conflict(`id[${id}]`);
    const timestamp = now.toISOString();
    const user: StoredUser = {
      id,
      atlassianAccountId: randomBytes(12).toString("hex"),
      created: timestamp,
      lastModified: timestamp,
      attributes,
    };
    this.#insert(user);
    return user;
  }

  replace(id: string, attributes: Attributes, now: Date): StoredUser {
    const existing = this.#byId.get(id);
    if (!existing) throw notFound("User", id);
    this.#assertUnique(attributes, id);
    this.#unindex(existing);
    const user: StoredUser = { ...existing, attributes, lastModified: now.toISOString() };
    this.#byId.set(id, user);
    this.#index(user);
    this.#order = undefined;
    return user;
  }

  delete(id: string): void {
    const existing = this.#byId.get(id);
    if (!existing) throw notFound("User", id);
    this.#unindex(existing);
    this.#byId.delete(id);
    this.#order = undefined;
  }

  /** Puts back users saved in a snapshot, keeping their ids and timestamps. */
  restore(users: readonly StoredUser[]): void {
    for (const user of users) this.#insert(user);
  }

  clear(): void {
    for (const map of [this.#byId, this.#idByUserName, this.#idByEmail, this.#idByExternalId]) map.clear();
    this.#order = undefined;
  }

  #insert(user: StoredUser): void {
    this.#byId.set(user.id, user);
    this.#index(user);
    this.#order = undefined;
  }

  #lookup(index: Map<string, string>, key: string): StoredUser | undefined {
    const id = index.get(key);
    return id === undefined ? undefined : this.#byId.get(id);
  }

  /** Atlassian's wording for the 409, including its `email[...]` form. */
  #assertUnique(attributes: Attributes, selfId?: string): void {
    const taken = (index: Map<string, string>, key: string) => {
      const owner = index.get(key);
      return owner !== undefined && owner !== selfId;
    };
    const { userName, externalId } = keysOf(attributes);
    if (taken(this.#idByUserName, userName)) throw conflict(`userName[${attributes.userName}]`);
    for (const email of emailsOf(attributes)) {
      if (taken(this.#idByEmail, email.toLowerCase())) throw conflict(`email[${email}]`);
    }
    if (externalId !== undefined && taken(this.#idByExternalId, externalId)) throw conflict(`externalId[${externalId}]`);
  }

  #index(user: StoredUser): void {
    const { userName, externalId } = keysOf(user.attributes);
    this.#idByUserName.set(userName, user.id);
    for (const email of emailsOf(user.attributes)) this.#idByEmail.set(email.toLowerCase(), user.id);
    if (externalId !== undefined) this.#idByExternalId.set(externalId, user.id);
  }

  #unindex(user: StoredUser): void {
    const { userName, externalId } = keysOf(user.attributes);
    this.#idByUserName.delete(userName);
    for (const email of emailsOf(user.attributes)) this.#idByEmail.delete(email.toLowerCase());
    if (externalId !== undefined) this.#idByExternalId.delete(externalId);
  }
}

function keysOf(attributes: Attributes): { userName: string; externalId?: string } {
  return {
    userName: String(attributes.userName).toLowerCase(),
    externalId: typeof attributes.externalId === "string" ? attributes.externalId : undefined,
  };
}

function emailsOf(attributes: Attributes): string[] {
  const emails = Array.isArray(attributes.emails) ? (attributes.emails as { value?: unknown }[]) : [];
  return emails.map((email) => email.value).filter((value): value is string => typeof value === "string");
}

function conflict(what: string): ScimProblem {
  return new ScimProblem(409, `Resource [USER]: with ${what} already exists.`, "uniqueness");
}
