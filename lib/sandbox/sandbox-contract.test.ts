import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createScimClient, isScimError, scimPatch, type ScimClient, type ScimUser, type ScimUserInput } from "../scim/index.ts";
import { describeScimContract, type ContractExpectations } from "../scim/testing/contract-suite.ts";
import { SERVER_QUIRK_NAMES, startSandbox, type RunningSandbox, type ServerQuirk } from "./index.ts";

/** Atlassian cannot rename a synced group, and neither can the sandbox unless told to. */
const ATLASSIAN_LIKE: ContractExpectations = { groupRename: "refused" };

describeScimContract(
  "the Atlassian-like sandbox",
  async () => {
    const sandbox = await startSandbox({ quiet: true });
    return { baseUrl: sandbox.baseUrl, token: sandbox.token, close: () => sandbox.close() };
  },
  ATLASSIAN_LIKE,
);

/** What the contract cannot ask of the client under a quirk; every other check holds as it is. */
const EXPECTATIONS_UNDER: Record<ServerQuirk, ContractExpectations> = {
  exactCaseFilters: { ...ATLASSIAN_LIKE, userNameFilter: "exactCase" },
  missingIs500: { ...ATLASSIAN_LIKE, missingUserWrite: "serverError" },
  patchAnswers204: ATLASSIAN_LIKE,
  noLocationHeader: ATLASSIAN_LIKE,
  pagePastEndRepeatsFirst: ATLASSIAN_LIKE,
  onlyEqFilters: ATLASSIAN_LIKE,
  idIsUserName: ATLASSIAN_LIKE,
  replaceMembersAdds: ATLASSIAN_LIKE,
  groupRenameAllowed: { groupRename: "allowed" },
  userGroupsOmitted: ATLASSIAN_LIKE,
};

describe.each(SERVER_QUIRK_NAMES)("with the quirk %s", (quirk) => {
  describeScimContract(
    `the sandbox playing ${quirk}`,
    async () => {
      const sandbox = await startSandbox({ quiet: true, quirks: { [quirk]: true } });
      return { baseUrl: sandbox.baseUrl, token: sandbox.token, close: () => sandbox.close() };
    },
    EXPECTATIONS_UNDER[quirk],
  );
});

describe("the client against Atlassian's specifics in the sandbox", () => {
  let sandbox: RunningSandbox;
  let scim: ScimClient;
  const user = (userName: string, extra: Partial<ScimUserInput> = {}): ScimUserInput => ({
    userName,
    emails: [{ value: userName, type: "work", primary: true }],
    ...extra,
  });

  beforeAll(async () => {
    sandbox = await startSandbox({ quiet: true });
    scim = createScimClient({ baseUrl: sandbox.baseUrl, token: sandbox.token, retry: { retries: 0 } });
  });
  afterAll(() => sandbox.close());
  beforeEach(() => {
    sandbox.faults.set({});
    sandbox.store.clear();
    sandbox.stats.reset();
  });

  it("keeps the traceId of Atlassian's 401", async () => {
    const intruder = createScimClient({ baseUrl: sandbox.baseUrl, token: "wrong" });
    await expect(intruder.users.list().next()).rejects.toMatchObject({ kind: "unauthorized", status: 401, traceId: expect.stringMatching(/^[0-9a-f]{16}$/) });
  });

  it("reads the Atlassian account id and the 409 on a taken e-mail", async () => {
    const created = await scim.users.create(user("dana@example.com"));
    expect(created["urn:scim:schemas:extension:atlassian-external:1.0"]?.atlassianAccountId).toMatch(/^[0-9a-f]{24}$/);
    await expect(scim.users.create(user("other@example.com", { emails: [{ value: "DANA@example.com", primary: true }] }))).rejects.toMatchObject({
      kind: "conflict",
      scimType: "uniqueness",
      detail: "Resource [USER]: with email[DANA@example.com] already exists.",
    });
  });

  it.each(['o"brien@example.com', "dom\\dana@example.com", 'a\\"b@example.com'])("finds the user %s through an escaped filter", async (userName) => {
    const created = await scim.users.create(user(userName));
    await expect(scim.users.findByUserName(userName)).resolves.toMatchObject({ id: created.id });
    await expect(scim.users.findByUserName(userName.toUpperCase())).resolves.toMatchObject({ id: created.id });
  });

  it("times out on a request the sandbox never answers", async () => {
    sandbox.faults.set({ hangRate: 1 });
    const impatient = createScimClient({ baseUrl: sandbox.baseUrl, token: sandbox.token, retry: { retries: 0 }, timeouts: { headersMs: 100 } });
    await expect(impatient.getServiceProviderConfig()).rejects.toMatchObject({ kind: "timeout", retryable: true });
  });

  it("times out on a body trickled past the whole-request limit", async () => {
    sandbox.faults.set({ slowBodyRate: 1, slowBodyChunkDelayMs: 50 });
    const impatient = createScimClient({ baseUrl: sandbox.baseUrl, token: sandbox.token, retry: { retries: 0 }, timeouts: { totalMs: 150 } });
    await expect(impatient.getServiceProviderConfig()).rejects.toMatchObject({
      kind: "timeout",
      message: expect.stringMatching(/^The app answered too slowly: no complete answer to GET/),
    });
  });

  it("converges on the desired users through 5xx and 429 answers", { timeout: 20_000 }, async () => {
    sandbox.faults.set({ serverErrorRate: 0.2, rateLimitRate: 0.1, retryAfterSeconds: 1, seed: 11 });
    let retries = 0;
    const sturdy = createScimClient({
      baseUrl: sandbox.baseUrl,
      token: sandbox.token,
      retry: { retries: 6, minTimeoutMs: 5, maxTimeoutMs: 50, onRetry: () => (retries += 1) },
    });
    const desired = Array.from({ length: 60 }, (_, index) => ({
      input: user(`member${index}@example.com`, { displayName: `Member ${index}` }),
      active: index % 3 !== 0,
    }));

    // What the sync engine does: look up before creating, adopt on conflict, then converge the
    // active flag. Creates that fail ambiguously (a 500) are not retried by the client; the next
    // round finds or creates them, as the engine's next reconcile would.
    const createOrAdopt = async (input: ScimUserInput): Promise<ScimUser> => {
      try {
        return await sturdy.users.create(input);
      } catch (error) {
        const adopted = isScimError(error) && error.kind === "conflict" ? await sturdy.users.findByUserName(input.userName) : undefined;
        if (adopted) return adopted;
        throw error;
      }
    };
    const reconcile = async ({ input, active }: (typeof desired)[number]) => {
      const remote = (await sturdy.users.findByUserName(input.userName)) ?? (await createOrAdopt(input));
      if ((remote.active ?? true) !== active) await sturdy.users.patch(remote.id, scimPatch.setActive(active));
    };

    let pending = desired;
    for (let round = 1; pending.length > 0; round += 1) {
      expect(round, "rounds needed to converge").toBeLessThanOrEqual(5);
      const results = await Promise.allSettled(pending.map(reconcile));
      pending = pending.filter((_, index) => results[index]?.status === "rejected");
    }

    sandbox.faults.set({});
    const stored = sandbox.store.users.all();
    expect(stored).toHaveLength(60);
    for (const { input, active } of desired) {
      const attributes = sandbox.store.users.findByUserName(input.userName)?.attributes;
      expect({ displayName: attributes?.displayName, active: attributes?.active ?? true }).toEqual({ displayName: input.displayName, active });
    }
    const { faults } = sandbox.stats.snapshot();
    expect(faults["429"]).toBeGreaterThan(0);
    expect((faults["500"] ?? 0) + (faults["503"] ?? 0)).toBeGreaterThan(0);
    expect(retries).toBeGreaterThan(0);
  });

  describe("groups", () => {
    const createUsers = (count: number, prefix: string) =>
      Promise.all(Array.from({ length: count }, (_, index) => scim.users.create(user(`${prefix}${index}@example.com`)).then((created) => created.id)));
    const storedMembers = (groupId: string) => ((sandbox.store.groups.get(groupId)?.attributes.members ?? []) as { value: string }[]).map((m) => m.value);

    it("reports a group managed outside SCIM as forbidden, not as a refused token, and its name as a conflict", async () => {
      const [ann] = await createUsers(1, "site");
      const site = sandbox.store.groups.create({ displayName: "confluence-users", members: [] }, new Date(), { siteGroup: true });
      const forbidden = {
        kind: "forbidden",
        status: 403,
        retryable: false,
        detail: expect.stringMatching(/managed outside SCIM/),
        message: expect.stringMatching(/does not let Roster change this group \(HTTP 403\): The group “confluence-users” is managed outside SCIM/),
      };
      await expect(scim.groups.rename(site.id, "wiki-users")).rejects.toMatchObject(forbidden);
      await expect(scim.groups.delete(site.id)).rejects.toMatchObject(forbidden);
      const added = await scim.groups.addMembers(site.id, [ann!]);
      expect(added).toMatchObject({ ok: false, notSent: [], chunks: [{ chunk: 1, of: 1, ok: false, error: forbidden }] });
      await expect(scim.groups.get(site.id)).resolves.toMatchObject({ displayName: "confluence-users", members: [] });
      await expect(scim.groups.create({ displayName: "Confluence-Users" })).rejects.toMatchObject({
        kind: "conflict",
        status: 409,
        detail: "Resource [GROUP]: with displayName already exists.",
      });
      await expect(scim.groups.findByDisplayName("CONFLUENCE-users")).resolves.toMatchObject({ id: site.id });
    });

    it("stops at the chunk that would pass the member cap and says which members were not sent", async () => {
      sandbox.store.groups.memberCap = 5;
      try {
        const ids = await createUsers(9, "capped");
        const group = await scim.groups.create({ displayName: "Capped" });
        const seen: number[] = [];
        const result = await scim.groups.addMembers(group.id, ids, { chunkSize: 3, onChunk: (chunk) => seen.push(chunk.chunk) });
        expect(result).toMatchObject({
          ok: false,
          chunks: [
            { chunk: 1, of: 3, ok: true },
            {
              chunk: 2,
              of: 3,
              ok: false,
              error: {
                kind: "badRequest",
                status: 400,
                detail: "A group can have at most 5 members; this request would give “Capped” 6.",
                message: expect.stringMatching(/would give “Capped” 6\. The app does not accept this change to the group \(its name or its members\)\.$/),
              },
            },
          ],
          notSent: ids.slice(6),
        });
        expect(seen).toEqual([1, 2]);
        expect(storedMembers(group.id)).toEqual(ids.slice(0, 3));
      } finally {
        sandbox.store.groups.memberCap = 35_000;
      }
    });

    it("takes a 204 for each chunk without reading the group back, and reports every attempt", async () => {
      const ids = await createUsers(5, "quiet");
      const group = await scim.groups.create({ displayName: "Quiet" });
      sandbox.quirks.set({ patchAnswers204: true });
      try {
        sandbox.stats.reset();
        const attempts: string[] = [];
        const result = await scim.groups.addMembers(group.id, ids, {
          chunkSize: 2,
          onAttempt: (attempt) => attempts.push(`${attempt.method} ${attempt.status}`),
        });
        expect(result.ok).toBe(true);
        expect(attempts).toEqual(["PATCH 204", "PATCH 204", "PATCH 204"]);
        expect(sandbox.stats.snapshot()).toMatchObject({ total: 3, byMethod: { PATCH: 3 } });
        expect(storedMembers(group.id)).toEqual(ids);
        await expect(scim.groups.removeMembers(group.id, ids.slice(1))).resolves.toMatchObject({ ok: true, chunks: [{ memberIds: ids.slice(1) }] });
        expect(storedMembers(group.id)).toEqual(ids.slice(0, 1));
      } finally {
        sandbox.quirks.set({});
      }
    });

    it("adds and removes 2,000 members in chunks through 5xx and 429 answers, ending with exactly the right members", { timeout: 60_000 }, async () => {
      const ids = await createUsers(2_000, "crowd");
      const group = await scim.groups.create({ displayName: "Crowd" });
      sandbox.faults.set({ serverErrorRate: 0.2, rateLimitRate: 0.1, retryAfterSeconds: 1, seed: 15 });
      const sturdy = createScimClient({ baseUrl: sandbox.baseUrl, token: sandbox.token, retry: { retries: 8, minTimeoutMs: 5, maxTimeoutMs: 50 } });
      const retried: string[] = [];
      const onAttempt = (attempt: { willRetry: boolean; status: number | null }) => attempt.willRetry && retried.push(String(attempt.status));

      const added = await sturdy.groups.addMembers(group.id, ids, { onAttempt });
      expect(added.ok).toBe(true);
      expect(added.chunks.map((chunk) => chunk.memberIds.length)).toEqual(Array.from({ length: 20 }, () => 100));
      expect(new Set(storedMembers(group.id))).toEqual(new Set(ids));

      const leaving = ids.filter((_, index) => index % 3 === 0);
      const removed = await sturdy.groups.removeMembers(group.id, leaving, { onAttempt });
      expect(removed).toMatchObject({ ok: true, notSent: [] });
      expect(removed.chunks).toHaveLength(Math.ceil(leaving.length / 100));

      sandbox.faults.set({});
      const staying = ids.filter((_, index) => index % 3 !== 0);
      expect(storedMembers(group.id).sort()).toEqual([...staying].sort());
      const read = await scim.groups.get(group.id);
      expect(read.members?.map((member) => member.value).sort()).toEqual([...staying].sort());
      // The faults really happened and were retried.
      expect(retried).toContain("429");
      expect(retried.some((status) => status.startsWith("5"))).toBe(true);
    });
  });
});
