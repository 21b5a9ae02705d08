import { describe, expect, it } from "vitest";
import { UserStore } from "./user-store.ts";

const NOW = new Date("2025-03-01T12:00:00Z");
const attributes = (index: number, extra: Record<string, unknown> = {}) => ({
  userName: `User${index}@Example.com`,
  externalId: `EXT-${index}`,
  emails: [{ value: `user${index}@example.com`, primary: true }],
  ...extra,
});

describe("UserStore", () => {
  it("indexes user names and e-mails without regard to case, externalId exactly", () => {
    const store = new UserStore();
    const user = store.create(attributes(1), NOW);
    expect(store.findByUserName("user1@example.COM")?.id).toBe(user.id);
    expect(store.findByExternalId("EXT-1")?.id).toBe(user.id);
    expect(store.findByExternalId("ext-1")).toBeUndefined();
  });

  it.each([
    [
      "the user name in another case",
      { userName: "USER1@example.com", emails: [{ value: "other@example.com", primary: true }] },
      "Resource [USER]: with userName[USER1@example.com] already exists.",
    ],
    [
      "an e-mail in another case",
      { userName: "other", emails: [{ value: "USER1@EXAMPLE.COM", primary: true }] },
      "Resource [USER]: with email[USER1@EXAMPLE.COM] already exists.",
    ],
    [
      "the externalId",
      { userName: "other", externalId: "EXT-1", emails: [{ value: "o@example.com", primary: true }] },
      "Resource [USER]: with externalId[EXT-1] already exists.",
    ],
  ])("refuses %s with Atlassian's 409", (_, duplicate, detail) => {
    const store = new UserStore();
    store.create(attributes(1), NOW);
    expect(() => store.create(duplicate, NOW)).toThrow(expect.objectContaining({ status: 409, scimType: "uniqueness", detail }));
  });

  it("frees a user's names when it is replaced or deleted", () => {
    const store = new UserStore();
    const first = store.create(attributes(1), NOW);
    store.replace(first.id, attributes(2), NOW);
    expect(store.findByUserName("user1@example.com")).toBeUndefined();
    expect(() => store.create(attributes(1), NOW)).not.toThrow();
    store.delete(first.id);
    expect(store.findByUserName("user2@example.com")).toBeUndefined();
    expect(() => store.create(attributes(2), NOW)).not.toThrow();
  });

  it("lets a user keep its own names on replace", () => {
    const store = new UserStore();
    const user = store.create(attributes(1), NOW);
    expect(store.replace(user.id, attributes(1, { title: "CTO" }), NOW).attributes.title).toBe("CTO");
  });

  it("keeps id, account id and creation time on replace", () => {
    const store = new UserStore();
    const user = store.create(attributes(1), NOW);
    const replaced = store.replace(user.id, attributes(1), new Date("2025-03-02T00:00:00Z"));
    expect(replaced).toMatchObject({
      id: user.id,
      atlassianAccountId: user.atlassianAccountId,
      created: user.created,
      lastModified: "2025-03-02T00:00:00.000Z",
    });
  });

  // Its speed is a benchmark's business (npm run bench), not a timed test's: a busy machine would fail it.
  it("holds 100,000 users: finds them by userName, lists them in order, refuses a duplicate", () => {
    const store = new UserStore();
    for (let index = 0; index < 100_000; index += 1) store.create(attributes(index), NOW);
    for (let index = 0; index < 100_000; index += 997) expect(store.findByUserName(`user${index}@example.com`)).toBeDefined();
    expect(store.all().slice(99_900, 100_000)).toHaveLength(100);
    expect(() => store.create(attributes(99_999), NOW)).toThrow();
  });
});
