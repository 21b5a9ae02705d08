import { beforeEach, describe, expect, it } from "vitest";
import { db } from "../db";
import { makeOrganization, makePerson } from "../testing/make-organization";
import { signIn, signInInput } from "../auth/sign-in";
import { countSignInEvents, listSignInEvents, signInFilterOptions } from "./list-sign-in-events";
import { recordSignIn } from "./record-sign-in";

let organizationId: string;
const PASSWORD = "correct horse battery staple";

beforeEach(async () => {
  await db.rateLimit.deleteMany();
  organizationId = (await makeOrganization()).id;
});

describe("the sign-in log", () => {
  it("records a wrong password of a known person, from the sign-in path, with the address", async () => {
    const person = await makePerson(organizationId, { email: "pat@example.com", password: PASSWORD });
    await signIn(signInInput.parse({ email: "pat@example.com", password: "nope" }), { ip: "192.0.2.10" });
    const { events } = await listSignInEvents(organizationId, {}, null);
    expect(events).toMatchObject([
      { userId: person.id, userLabel: "pat@example.com", appId: null, outcome: "FAILED", reason: "wrong_password", ip: "192.0.2.10" },
    ]);
  });

  it("filters by who, outcome, app (or Roster itself), search and dates, newest first, in pages", async () => {
    const appId = (await db.app.create({ data: { organizationId, catalogKey: "scim", name: "Wiki" }, select: { id: true } })).id;
    const pat = await makePerson(organizationId, { email: "pat@example.com" });
    await recordSignIn(db, { organizationId, person: { id: pat.id, label: pat.email }, outcome: "SUCCEEDED", method: "password", ip: "192.0.2.1" });
    await recordSignIn(db, { organizationId, person: { id: pat.id, label: pat.email }, app: { id: appId, label: "Wiki" }, outcome: "SUCCEEDED" });
    await recordSignIn(db, {
      organizationId,
      person: { id: null, label: "sam@example.com" },
      app: { id: appId, label: "Wiki" },
      outcome: "FAILED",
      reason: "not_assigned",
    });
    const labels = async (filter: Parameters<typeof listSignInEvents>[1]) =>
      (await listSignInEvents(organizationId, filter, null)).events.map((event) => `${event.userLabel}>${event.appLabel ?? "Roster"}:${event.outcome}`);

    expect(await labels({})).toEqual(["sam@example.com>Wiki:FAILED", "pat@example.com>Wiki:SUCCEEDED", "pat@example.com>Roster:SUCCEEDED"]);
    expect(await labels({ who: "pat@example.com" })).toHaveLength(2);
    expect(await labels({ outcome: "FAILED" })).toEqual(["sam@example.com>Wiki:FAILED"]);
    expect(await labels({ app: "roster" })).toEqual(["pat@example.com>Roster:SUCCEEDED"]);
    expect(await labels({ app: appId })).toHaveLength(2);
    expect(await labels({ q: "192.0.2" })).toEqual(["pat@example.com>Roster:SUCCEEDED"]);
    expect(await labels({ from: "2000-01-01", to: "2000-01-02" })).toEqual([]);
    expect(await countSignInEvents(organizationId, { app: appId })).toEqual({ count: 2, more: false });

    const first = await listSignInEvents(organizationId, {}, null, 2);
    expect(first.events).toHaveLength(2);
    const { decodeSignInCursor } = await import("./list-sign-in-events");
    const second = await listSignInEvents(organizationId, {}, decodeSignInCursor(first.nextCursor), 2);
    expect(second.events.map((event) => event.appLabel)).toEqual([null]);
    expect((await signInFilterOptions(organizationId)).people).toEqual(["pat@example.com", "sam@example.com"]);
  });

  it("keeps the line when the person is deleted", async () => {
    const pat = await makePerson(organizationId, { email: "gone@example.com" });
    await recordSignIn(db, { organizationId, person: { id: pat.id, label: pat.email }, outcome: "SUCCEEDED" });
    await db.user.delete({ where: { id: pat.id } });
    expect((await listSignInEvents(organizationId, {}, null)).events).toMatchObject([{ userId: null, userLabel: "gone@example.com" }]);
  });
});
