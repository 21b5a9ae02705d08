import { describe, expect, it } from "vitest";
import type { ListPage, ScimUser } from "../../scim";
import { remoteSnapshot } from "./remote-snapshot";

const people = (count: number): ScimUser[] =>
  Array.from({ length: count }, (_, i) => ({ id: `r${i}`, userName: `Person${i}@Example.com`, externalId: i % 2 === 0 ? `ext-${i}` : undefined }) as ScimUser);

/**
 * A server holding `all`, answering at most `cap` per page, optionally ignoring startIndex as some do. Each answer
 * takes a turn of the event loop, so that the requests in flight at once can be counted.
 */
function server(all: ScimUser[], { cap = 100, ignoreStartIndex = false } = {}) {
  const requests: number[] = [];
  let inFlight = 0;
  let mostInFlight = 0;
  return {
    requests,
    mostInFlight: () => mostInFlight,
    listPage: async (startIndex: number, count: number): Promise<ListPage<ScimUser>> => {
      requests.push(startIndex);
      mostInFlight = Math.max(mostInFlight, (inFlight += 1));
      await new Promise((resolve) => setImmediate(resolve));
      inFlight -= 1;
      const from = ignoreStartIndex ? 0 : startIndex - 1;
      return { totalResults: all.length, startIndex, resources: all.slice(from, from + Math.min(count, cap)) };
    },
  };
}

let key = 0;
const snapshotOf = (fake: ReturnType<typeof server>, pageSize = 100) => remoteSnapshot(`test-${(key += 1)}`, fake, pageSize);

describe("remoteSnapshot", () => {
  it("reads every page, by externalId and by userName whatever its case", async () => {
    const fake = server(people(250));
    const snapshot = await snapshotOf(fake);
    expect(fake.requests.sort((a, b) => a - b)).toEqual([1, 101, 201]);
    expect(snapshot?.has("ext-248", undefined)).toBe(true);
    expect(snapshot?.has("nobody", "person249@example.COM")).toBe(true);
    expect(snapshot?.has("ext-1", "someone@example.com")).toBe(false);
    expect(snapshot?.has("nobody", undefined)).toBe(false);
  });

  it("follows the page size the server actually gives, when it gives fewer than asked", async () => {
    const fake = server(people(45), { cap: 20 });
    const snapshot = await snapshotOf(fake);
    expect(fake.requests.sort((a, b) => a - b)).toEqual([1, 21, 41]);
    expect(snapshot?.has("nobody", "person44@example.com")).toBe(true);
  });

  it("an empty app is one request and knows no one", async () => {
    const fake = server([]);
    expect((await snapshotOf(fake))?.has("ext-0", "person0@example.com")).toBe(false);
    expect(fake.requests).toEqual([1]);
  });

  it("trusts no listing from a server that ignores startIndex", async () => {
    expect(await snapshotOf(server(people(300), { ignoreStartIndex: true }))).toBeNull();
  });

  it("is null when the app cannot be listed, and shared by the batches of one run", async () => {
    let calls = 0;
    const failing = {
      listPage: async () => {
        calls += 1;
        throw new Error("503");
      },
    };
    const [a, b] = await Promise.all([remoteSnapshot("shared", failing, 100), remoteSnapshot("shared", failing, 100)]);
    expect([a, b]).toEqual([null, null]);
    expect(calls).toBe(1);
  });

  it("asks for a few pages at a time, never one request per page up front", async () => {
    const fake = server(people(5_000));
    const snapshot = await snapshotOf(fake);
    expect(snapshot?.has("nobody", "person4999@example.com")).toBe(true);
    expect(fake.requests).toHaveLength(50);
    expect(fake.mostInFlight()).toBeGreaterThan(1);
    expect(fake.mostInFlight()).toBeLessThanOrEqual(8);
  });

  it("refuses a server claiming 50,000,000 users one per page, in plain words, after one request", async () => {
    const requests: number[] = [];
    const liar = {
      listPage: async (startIndex: number): Promise<ListPage<ScimUser>> => {
        requests.push(startIndex);
        return { totalResults: 50_000_000, startIndex, resources: [{ id: `liar-${startIndex}`, userName: `liar${startIndex}@example.com` } as ScimUser] };
      },
    };
    const message = "The app says it has 50,000,000 users, more than Roster will list (1,000,000). Check the Sync endpoint.";
    // Shared by the run's batches: each is told, and the app is asked once.
    const [a, b] = await Promise.allSettled([remoteSnapshot("liar", liar, 100), remoteSnapshot("liar", liar, 100)]);
    expect(a).toMatchObject({ status: "rejected", reason: { message } });
    expect(b).toMatchObject({ status: "rejected", reason: { message } });
    expect(requests).toEqual([1]);
  });
});
