import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addMembers, patchRequest, removeMembers, replace, setActive } from "../build-patch.ts";
import { createScimClient, type ScimClient } from "../create-scim-client.ts";
import { ENTERPRISE_USER_SCHEMA } from "../schema-urns.ts";
import type { ScimUserInput } from "../user-resource.ts";

export interface ContractServer {
  baseUrl: string;
  token: string;
  close(): Promise<void>;
}

/**
 * Where a server's behaviour leaves the client nothing to cope with, the suite says so for that
 * server instead of skipping the check: what the client must then report.
 */
export interface ContractExpectations {
  /**
   * How the server compares a userName filter's value. With "exactCase", a user stored as
   * `Dana@Example.com` cannot be found by `dana@example.com` through a filter (the client tries
   * the value as given and lower-cased, nothing more); callers must list and compare themselves.
   */
  userNameFilter?: "ignoresCase" | "exactCase";
  /** What a write (PATCH, PUT, DELETE) of a user that does not exist gets: a 404, or a 500 the client cannot tell from a real failure. */
  missingUserWrite?: "notFound" | "serverError";
  /** Whether a group's displayName can change: Atlassian refuses (400), so the client reports a badRequest and Roster recreates the group. */
  groupRename?: "allowed" | "refused";
}

/**
 * What the client must do against any reasonable SCIM server, written once and run against
 * several (the Atlassian-like sandbox, SCIMMY, the sandbox playing each quirk). The client gets no
 * hint about which server it talks to: where servers legitimately differ, the client has to cope
 * on its own, and where it cannot, `expectations` says what it reports instead.
 */
export function describeScimContract(serverName: string, startServer: () => Promise<ContractServer>, expectations: ContractExpectations = {}): void {
  const { userNameFilter = "ignoresCase", missingUserWrite = "notFound", groupRename = "allowed" } = expectations;
  describe(`SCIM contract against ${serverName}`, () => {
    let server: ContractServer;
    let scim: ScimClient;
    let sequence = 0;

    beforeAll(async () => {
      server = await startServer();
      scim = createScimClient({ baseUrl: server.baseUrl, token: server.token, retry: { retries: 2, minTimeoutMs: 5, maxTimeoutMs: 20 } });
    });
    afterAll(() => server.close());

    /** A complete user, unique within the run; user names are lower case, as a directory would send them. */
    const newUser = (label: string): ScimUserInput => {
      sequence += 1;
      const email = `${label}.${sequence}@example.com`;
      return {
        userName: email,
        externalId: `ext-${label}-${sequence}`,
        name: { givenName: "Dana", familyName: `Lee ${sequence}` },
        displayName: `Dana Lee ${sequence}`,
        title: "Engineer",
        active: true,
        emails: [{ value: email, type: "work", primary: true }],
        [ENTERPRISE_USER_SCHEMA]: { department: "Engineering" },
      };
    };

    it("reads the service provider configuration", async () => {
      await expect(scim.getServiceProviderConfig()).resolves.toMatchObject({ patch: { supported: true } });
    });

    it("creates a user and reads it back", async () => {
      const input = newUser("create");
      const created = await scim.users.create(input);
      expect(created.id).toEqual(expect.any(String));
      const read = await scim.users.get(created.id);
      expect(read).toMatchObject({
        id: created.id,
        userName: input.userName,
        externalId: input.externalId,
        name: { givenName: "Dana" },
        title: "Engineer",
        active: true,
        emails: [{ value: input.userName, primary: true }],
        [ENTERPRISE_USER_SCHEMA]: { department: "Engineering" },
      });
    });

    it("finds a user by user name whatever the case asked for", async () => {
      const created = await scim.users.create(newUser("lookup"));
      await expect(scim.users.findByUserName(created.userName)).resolves.toMatchObject({ id: created.id });
      await expect(scim.users.findByUserName(created.userName.toUpperCase())).resolves.toMatchObject({ id: created.id });
      await expect(scim.users.findByUserName("nobody@example.com")).resolves.toBeUndefined();
    });

    it(
      userNameFilter === "ignoresCase"
        ? "finds a user stored with capitals by the lower-case user name"
        : "cannot find a user stored with capitals by the lower-case user name (the server compares filter values exactly)",
      async () => {
        const input = newUser("capitals");
        const created = await scim.users.create({ ...input, userName: input.userName.replace(/^c/, "C") });
        const lookup = scim.users.findByUserName(input.userName);
        if (userNameFilter === "ignoresCase") await expect(lookup).resolves.toMatchObject({ id: created.id });
        else await expect(lookup).resolves.toBeUndefined();
        await expect(scim.users.findByUserName(created.userName)).resolves.toMatchObject({ id: created.id });
      },
    );

    it("finds a user by externalId, exactly", async () => {
      const created = await scim.users.create(newUser("external"));
      const externalId = created.externalId ?? "";
      await expect(scim.users.findByExternalId(externalId)).resolves.toMatchObject({ id: created.id });
      await expect(scim.users.findByExternalId(externalId.toUpperCase())).resolves.toBeUndefined();
    });

    // Characters that must be percent-encoded in the query ("+" would otherwise arrive as a space).
    // Quotes and backslashes are tested against the sandbox only: SCIMMY 1.3.5's filter lexer does
    // not read JSON escapes, so no correctly escaped filter can match such a name there.
    it("finds a user whose name needs encoding in the URL", async () => {
      const input = newUser("enc");
      const userName = `dana+ops&co%20x=${input.userName}`;
      const created = await scim.users.create({ ...input, userName });
      await expect(scim.users.findByUserName(userName)).resolves.toMatchObject({ id: created.id, userName });
    });

    it("refuses a second user with the same user name as a conflict", async () => {
      const input = newUser("dup");
      await scim.users.create(input);
      const again = { ...newUser("dup-other"), userName: input.userName.toUpperCase() };
      await expect(scim.users.create(again)).rejects.toMatchObject({ kind: "conflict", status: 409, scimType: "uniqueness", retryable: false });
    });

    it("replaces a user and clears what the replacement leaves out", async () => {
      const input = newUser("put");
      const created = await scim.users.create(input);
      const { title: _dropped, ...withoutTitle } = input;
      const replaced = await scim.users.replace(created.id, { ...withoutTitle, displayName: "Dana Replaced" });
      expect(replaced).toMatchObject({ id: created.id, displayName: "Dana Replaced" });
      const read = await scim.users.get(created.id);
      expect(read.displayName).toBe("Dana Replaced");
      expect(read.title).toBeUndefined();
    });

    it("patches a user and always returns the user, even when nothing changed", async () => {
      const created = await scim.users.create(newUser("patch"));
      const patched = await scim.users.patch(created.id, patchRequest(replace("active", false), replace("name.givenName", "Ann")));
      expect(patched).toMatchObject({ id: created.id, active: false, name: { givenName: "Ann" } });
      // SCIMMY answers a PATCH that changes nothing with 204 and no body.
      await expect(scim.users.patch(created.id, setActive(false))).resolves.toMatchObject({ id: created.id, active: false });
      await expect(scim.users.get(created.id)).resolves.toMatchObject({ active: false, name: { givenName: "Ann", familyName: expect.any(String) } });
    });

    it(
      missingUserWrite === "notFound"
        ? "deletes a user, which is then not found"
        : "deletes a user, which is then not found by GET, while writes to it fail as the server's own error (HTTP 500)",
      async () => {
        const created = await scim.users.create(newUser("delete"));
        await scim.users.delete(created.id);
        await expect(scim.users.get(created.id)).rejects.toMatchObject({ kind: "notFound", status: 404 });
        const missing = missingUserWrite === "notFound" ? { kind: "notFound", status: 404 } : { kind: "transient", status: 500, retryable: true };
        await expect(scim.users.delete(created.id)).rejects.toMatchObject(missing);
        await expect(scim.users.patch(created.id, setActive(true))).rejects.toMatchObject(missing);
      },
    );

    it("reports an unknown id as not found", async () => {
      await expect(scim.users.get("3f1c3d5e-0000-4000-8000-000000000000")).rejects.toMatchObject({ kind: "notFound", retryable: false });
    });

    it("lists 1,050 users across pages, whatever page size the server allows", { timeout: 60_000 }, async () => {
      const created = await Promise.all(Array.from({ length: 1050 }, () => scim.users.create(newUser("page"))));
      const expected = new Set(created.map((user) => user.id));
      // The default (100) and more than either server sends per page; small pages are unit-tested.
      for (const pageSize of [undefined, 250]) {
        const seen: string[] = [];
        for await (const user of scim.users.list({ pageSize })) {
          if (expected.has(user.id)) seen.push(user.id);
        }
        expect(seen).toHaveLength(1050);
        expect(new Set(seen).size).toBe(1050);
      }
    });

    it("manages a group and its members", async () => {
      const [ann, bob] = await Promise.all([scim.users.create(newUser("member")), scim.users.create(newUser("member"))]);
      const displayName = `Team ${++sequence}`;
      const group = await scim.groups.create({ displayName });
      await expect(scim.groups.findByDisplayName(displayName)).resolves.toMatchObject({ id: group.id });

      const withBoth = await scim.groups.patch(group.id, addMembers([ann!.id, bob!.id]));
      expect(withBoth.members?.map((member) => member.value).sort()).toEqual([ann!.id, bob!.id].sort());
      const withBob = await scim.groups.patch(group.id, removeMembers([ann!.id]));
      expect(withBob.members?.map((member) => member.value)).toEqual([bob!.id]);

      const replaced = await scim.groups.replace(group.id, { displayName, members: [{ value: ann!.id }] });
      expect(replaced).toMatchObject({ displayName, members: [{ value: ann!.id }] });
      await expect(scim.groups.get(group.id)).resolves.toMatchObject({ displayName, members: [{ value: ann!.id }] });

      const newName = `${displayName} renamed`;
      if (groupRename === "allowed") {
        await expect(scim.groups.rename(group.id, newName)).resolves.toMatchObject({ displayName: newName });
        await expect(scim.groups.replace(group.id, { displayName, members: [] })).resolves.toMatchObject({ displayName });
      } else {
        await expect(scim.groups.rename(group.id, newName)).rejects.toMatchObject({ kind: "badRequest", status: 400 });
        await expect(scim.groups.replace(group.id, { displayName: newName, members: [] })).rejects.toMatchObject({ kind: "badRequest", status: 400 });
        await expect(scim.groups.get(group.id)).resolves.toMatchObject({ displayName, members: [{ value: ann!.id }] });
      }

      await scim.groups.delete(group.id);
      await expect(scim.groups.get(group.id)).rejects.toMatchObject({ kind: "notFound" });
    });

    it("adds and removes a group's members in chunks, leaving the others", async () => {
      const users = await Promise.all(Array.from({ length: 7 }, () => scim.users.create(newUser("chunked"))));
      const ids = users.map((user) => user.id);
      const group = await scim.groups.create({ displayName: `Chunked ${++sequence}` });
      // As a set: SCIMMY lists a member added twice twice, which is harmless.
      const memberIds = async () => [...new Set(((await scim.groups.get(group.id)).members ?? []).map((member) => member.value))].sort();

      const added = await scim.groups.addMembers(group.id, ids, { chunkSize: 3 });
      expect(added).toMatchObject({ ok: true, notSent: [] });
      expect(added.chunks.map((chunk) => [chunk.chunk, chunk.of, chunk.memberIds.length, chunk.ok])).toEqual([
        [1, 3, 3, true],
        [2, 3, 3, true],
        [3, 3, 1, true],
      ]);
      expect(await memberIds()).toEqual([...ids].sort());

      const removed = await scim.groups.removeMembers(group.id, ids.slice(0, 5), { chunkSize: 2 });
      expect(removed).toMatchObject({ ok: true, chunks: [{ memberIds: ids.slice(0, 2) }, { memberIds: ids.slice(2, 4) }, { memberIds: ids.slice(4, 5) }] });
      expect(await memberIds()).toEqual(ids.slice(5).sort());
      // Removing someone who is not a member, or adding one who is, changes nothing.
      expect((await scim.groups.removeMembers(group.id, ids.slice(0, 1))).ok).toBe(true);
      expect((await scim.groups.addMembers(group.id, ids.slice(5, 6))).ok).toBe(true);
      expect(await memberIds()).toEqual(ids.slice(5).sort());
    });

    it("refuses a second group with the same name as a conflict", async () => {
      const displayName = `Dup team ${++sequence}`;
      await scim.groups.create({ displayName });
      await expect(scim.groups.create({ displayName })).rejects.toMatchObject({ kind: "conflict", status: 409 });
    });

    it("reports a wrong token as unauthorized, without retrying", async () => {
      const intruder = createScimClient({ baseUrl: server.baseUrl, token: "not-the-token", retry: { retries: 2, minTimeoutMs: 5 } });
      await expect(intruder.users.get("x")).rejects.toMatchObject({ kind: "unauthorized", status: 401, retryable: false });
    });
  });
}
