import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startDnsServer, type DnsServer } from "../../../e2e/support/dns-server";
import { AppError } from "../../app-error";
import { db } from "../../db";
import { makeOrganization, makePerson } from "../../testing/make-organization";
import type { UserWriteContext } from "../users/user-audit";
import { addDomain } from "./add-domain";
import { listDomains } from "./list-domains";
import { removeDomain } from "./remove-domain";
import { verifyDomain } from "./verify-domain";

let dns: DnsServer;
let context: UserWriteContext;

beforeAll(async () => {
  dns = await startDnsServer();
  // Read once by the resolver on first use; set before any verification runs.
  process.env.ROSTER_DNS_SERVERS = `127.0.0.1:${dns.port}`;
});
afterAll(() => dns.stop());

beforeEach(async () => {
  const organizationId = (await makeOrganization()).id;
  const owner = await makePerson(organizationId, { role: "OWNER", email: "owner@halden.example" });
  context = { organizationId, actor: { id: owner.id, label: owner.email }, ip: "198.51.100.9" };
  dns.records.clear();
  dns.failing.clear();
});

const auditOf = (domainId: string) =>
  db.auditEvent.findMany({
    where: { targetType: "domain", targetId: domainId },
    orderBy: { createdAt: "asc" },
    select: { action: true, actorId: true, targetLabel: true },
  });

async function addAndRead(name: string) {
  const { id } = await addDomain(name, context);
  const listed = (await listDomains(context.organizationId)).find((domain) => domain.id === id)!;
  return { id, record: listed.record };
}

describe("addDomain", () => {
  it("adds an unverified domain with a random token and an audit event", async () => {
    const { id, record } = await addAndRead("halden.example");
    expect(record.host).toBe("_roster-verification.halden.example");
    expect(record.value).toMatch(/^roster-verification=[A-Za-z0-9_-]{32}$/);
    const other = await addAndRead("other.example");
    expect(other.record.value).not.toBe(record.value);
    expect(await auditOf(id)).toEqual([{ action: "domain.added", actorId: context.actor.id, targetLabel: "halden.example" }]);
  });

  it("makes a duplicate a field error", async () => {
    await addDomain("halden.example", context);
    const error = await addDomain("halden.example", context).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).fieldErrors).toEqual({ name: ["halden.example is already in your list of domains."] });
  });

  it("counts the people with e-mails on each domain", async () => {
    await addDomain("halden.example", context);
    await makePerson(context.organizationId, { email: "ada@halden.example" });
    await makePerson(context.organizationId, { email: "ada@elsewhere.example" });
    expect((await listDomains(context.organizationId)).map((domain) => [domain.name, domain.people])).toEqual([["halden.example", 2]]);
  });
});

describe("verifyDomain against a DNS server on loopback", () => {
  it("explains a missing record, then a wrong one, then verifies once and audits it", async () => {
    const { id, record } = await addAndRead("halden.example");

    expect(await verifyDomain(id, context)).toEqual({
      verified: false,
      name: "halden.example",
      reason:
        "There is no TXT record at _roster-verification.halden.example yet. Add it at your DNS provider; new records can take up to an hour to appear, then verify again.",
    });
    const afterMiss = await db.domain.findUniqueOrThrow({ where: { id }, select: { verifiedAt: true, lastCheckedAt: true, lastCheckError: true } });
    expect(afterMiss.verifiedAt).toBeNull();
    expect(afterMiss.lastCheckedAt).toBeInstanceOf(Date);
    expect(afterMiss.lastCheckError).toMatch(/^There is no TXT record/);

    dns.records.set(record.host, ["v=spf1 -all", "roster-verification=someone-else"]);
    expect(await verifyDomain(id, context)).toMatchObject({
      verified: false,
      reason: expect.stringMatching(/^A TXT record exists at _roster-verification.halden.example, but its value is not roster-verification=/),
    });

    dns.records.set(record.host, ["v=spf1 -all", record.value]);
    expect(await verifyDomain(id, context)).toEqual({ verified: true, name: "halden.example" });
    const verified = await db.domain.findUniqueOrThrow({ where: { id }, select: { verifiedAt: true, lastCheckError: true } });
    expect(verified.verifiedAt).toBeInstanceOf(Date);
    expect(verified.lastCheckError).toBeNull();

    // Verifying again changes nothing and records nothing new.
    dns.records.delete(record.host);
    expect(await verifyDomain(id, context)).toEqual({ verified: true, name: "halden.example" });
    expect((await auditOf(id)).map((event) => event.action)).toEqual(["domain.added", "domain.verified"]);
  });

  it("says the DNS server did not answer when it fails", async () => {
    const { id, record } = await addAndRead("broken.example");
    dns.failing.add(record.host);
    expect(await verifyDomain(id, context)).toMatchObject({
      verified: false,
      reason: "The DNS server did not answer, so the record could not be checked. Try again in a few minutes.",
    });
  });

  it("verifies a record split into several strings", async () => {
    const { id, record } = await addAndRead("split.example");
    dns.records.set(record.host, [[record.value.slice(0, 20), record.value.slice(20)]]);
    expect(await verifyDomain(id, context)).toMatchObject({ verified: true });
  });

  it("does not reach another organization's domain", async () => {
    const { id } = await addAndRead("halden.example");
    const other = (await makeOrganization("Other")).id;
    await expect(verifyDomain(id, { ...context, organizationId: other })).rejects.toMatchObject({ code: "not_found" });
    await expect(removeDomain(id, { ...context, organizationId: other })).rejects.toMatchObject({ code: "not_found" });
  });
});

describe("removeDomain", () => {
  it("removes the domain and audits it in the same transaction", async () => {
    const { id } = await addAndRead("halden.example");
    expect(await removeDomain(id, context)).toEqual({ name: "halden.example" });
    expect(await db.domain.count({ where: { id } })).toBe(0);
    expect((await auditOf(id)).map((event) => event.action)).toEqual(["domain.added", "domain.removed"]);
  });
});
