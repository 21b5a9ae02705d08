import Papa from "papaparse";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../db";
import { makeOrganization, makePerson } from "../testing/make-organization";
import { describeAuditEvent } from "./describe-audit-event";
import { exportAuditCsv } from "./export-audit-csv";
import {
  auditTargetHref,
  countAuditEvents,
  decodeAuditCursor,
  encodeAuditCursor,
  existingAuditTargets,
  listAuditActors,
  listAuditEvents,
  type AuditCursor,
} from "./list-audit-events";
import type { AuditLogFilter } from "./schemas";

let organizationId: string;
const NOW = new Date();
const HOUR = 3_600_000;

/** [action, target type] by index; one of each category, and an action no wording knows. */
const KINDS: [string, string][] = [
  ["user.created", "user"],
  ["user.assigned", "user"],
  ["group.renamed", "group"],
  ["app.import_confirmed", "app"],
  ["auth.signed_in", "user"],
  ["domain.added", "domain"],
  ["group.archived", "group"],
];
const ACTORS = ["dana@example.com", "sam@example.com", '=HYPERLINK("x")@example.com'];

interface Seeded {
  id?: string;
  createdAt: Date;
  actorLabel: string;
  action: string;
  targetType: string;
  targetLabel: string;
}

const seeded: Seeded[] = [];

beforeAll(async () => {
  organizationId = (await makeOrganization()).id;
  const other = await makeOrganization("Other");
  // 2,100 events over 90 days, seven sharing each timestamp, so paging must break ties by id.
  for (let i = 0; i < 2_100; i++) {
    const [action, targetType] = KINDS[i % KINDS.length]!;
    seeded.push({
      createdAt: new Date(NOW.getTime() - Math.floor(i / 7) * 7 * HOUR - HOUR / 2),
      actorLabel: ACTORS[i % ACTORS.length]!,
      action,
      targetType,
      targetLabel: i % 10 === 0 ? `Quinn Marsh ${i} <quinn${i}@example.com>` : `Target ${i}`,
    });
  }
  await db.auditEvent.createMany({ data: seeded.map((event) => ({ organizationId, ...event, changes: { people: { from: null, to: 3 } } })) });
  await db.auditEvent.create({
    data: { organizationId: other.id, actorLabel: "dana@example.com", action: "user.created", targetType: "user", targetLabel: "Quinn Marsh" },
  });
});

/** What the filter should match, computed here in plain code. */
function expected(filter: AuditLogFilter): Seeded[] {
  const DAY = 24 * HOUR;
  const ranges = { "24h": DAY, "7d": 7 * DAY, "30d": 30 * DAY };
  const categories: Record<string, string[]> = {
    people: ["user.created"],
    apps: ["user.assigned"],
    groups: ["group.renamed"],
    import: ["app.import_confirmed"],
    security: ["auth.signed_in"],
    settings: ["domain.added"],
  };
  return seeded
    .filter((event) => !filter.actor || event.actorLabel === filter.actor)
    .filter((event) => !filter.category || categories[filter.category]!.includes(event.action))
    .filter((event) => !filter.range || event.createdAt.getTime() >= NOW.getTime() - ranges[filter.range])
    .filter((event) => !filter.from || event.createdAt >= new Date(`${filter.from}T00:00:00Z`))
    .filter((event) => !filter.to || event.createdAt.getTime() < Date.parse(`${filter.to}T00:00:00Z`) + DAY)
    .filter((event) => {
      if (!filter.q) return true;
      const q = filter.q.toLowerCase();
      return (
        [event.targetLabel, event.actorLabel, event.action].some((value) => value.toLowerCase().includes(q)) ||
        (q === "imported" && event.action === "app.import_confirmed")
      );
    });
}

async function everyPage(filter: AuditLogFilter, pageSize = 100) {
  const seen: { createdAt: Date; id: string; targetLabel: string | null }[] = [];
  let cursor: AuditCursor | null = null;
  do {
    const page = await listAuditEvents(organizationId, filter, cursor, pageSize, NOW);
    seen.push(...page.events);
    cursor = decodeAuditCursor(page.nextCursor);
  } while (cursor);
  return seen;
}

const day = (offsetDays: number) => new Date(NOW.getTime() - offsetDays * 24 * HOUR).toISOString().slice(0, 10);

describe("listAuditEvents", () => {
  it("pages through every event exactly once, newest first, within the organization", async () => {
    const seen = await everyPage({}, 250);
    expect(seen).toHaveLength(2_100);
    expect(new Set(seen.map((event) => event.id)).size).toBe(2_100);
    const times = seen.map((event) => event.createdAt.getTime());
    expect(times).toEqual([...times].sort((a, b) => b - a));
  });

  it.each<[string, AuditLogFilter]>([
    ["who", { actor: "sam@example.com" }],
    ["what: people", { category: "people" }],
    ["what: groups (an action no wording knows is in no category)", { category: "groups" }],
    ["what: apps & provisioning", { category: "apps" }],
    ["what: import", { category: "import" }],
    ["what: admins & security", { category: "security" }],
    ["what: settings", { category: "settings" }],
    ["when: last 24 hours", { range: "24h" }],
    ["when: last 7 days", { range: "7d" }],
    ["when: between dates", { from: day(20), to: day(10) }],
    ["search: a target's name, any case", { q: "quinn marsh" }],
    ["search: an e-mail inside a target label", { q: "quinn70@" }],
    ["search: an actor", { q: "SAM@" }],
    ["search: an action code", { q: "renamed" }],
    ["search: the words of an event kind", { q: "imported" }],
    ["combined: who, what, when and search", { actor: "dana@example.com", category: "people", range: "30d", q: "quinn" }],
    ["combined: what and dates", { category: "groups", from: day(60), to: day(30) }],
  ])("filters by %s, across pages", async (_name, filter) => {
    const want = expected(filter);
    expect(want.length).toBeGreaterThan(0);
    const seen = await everyPage(filter, 40);
    expect(seen.map((event) => event.targetLabel).sort()).toEqual(want.map((event) => event.targetLabel).sort());
    expect((await countAuditEvents(organizationId, filter, 10_000, NOW)).count).toBe(want.length);
  });

  it("finds nothing, without failing, for a filter nothing matches", async () => {
    expect((await listAuditEvents(organizationId, { q: "nobody-at-all" }, null)).events).toEqual([]);
    expect((await listAuditEvents(organizationId, { to: "2001-01-01" }, null)).events).toEqual([]);
  });

  it("counts up to a limit, and says there are more", async () => {
    expect(await countAuditEvents(organizationId, {}, 1_000)).toEqual({ count: 1_000, more: true });
  });

  it("lists who appears in the log, in order, only of this organization", async () => {
    expect(await listAuditActors(organizationId)).toEqual([...ACTORS].sort());
  });

  it("ignores a tampered cursor instead of failing", () => {
    expect(decodeAuditCursor("not-base64-json")).toBeNull();
    expect(decodeAuditCursor(Buffer.from('{"createdAt":"x","id":"1"}').toString("base64url"))).toBeNull();
    const good = { createdAt: new Date().toISOString(), id: "3f2b8c4e-1d2a-4c3b-9e8f-7a6b5c4d3e2f" };
    expect(decodeAuditCursor(encodeAuditCursor(good))).toEqual(good);
  });
});

describe("audit targets", () => {
  it("links only to targets that still exist in the organization, and apps only for 'view apps'", async () => {
    const person = await makePerson(organizationId);
    const gone = await makePerson(organizationId);
    await db.user.delete({ where: { id: gone.id } });
    const group = await db.group.create({ data: { organizationId, name: "Audit links" }, select: { id: true } });
    const app = await db.app.create({ data: { organizationId, name: "Audit app", catalogKey: "scim" }, select: { id: true } });
    const events = [
      { targetType: "user", targetId: person.id },
      { targetType: "user", targetId: gone.id },
      { targetType: "group", targetId: group.id },
      { targetType: "app", targetId: app.id },
      { targetType: "domain", targetId: group.id },
      { targetType: "user", targetId: "not-a-uuid" },
    ];
    const existing = await existingAuditTargets(organizationId, events);
    expect(events.map((event) => auditTargetHref(event, existing, true))).toEqual([
      `/users/${person.id}`,
      null,
      `/groups/${group.id}`,
      `/applications/${app.id}`,
      null,
      null,
    ]);
    expect(auditTargetHref(events[3]!, existing, false)).toBeNull();
    const otherOrganization = (await makeOrganization("Elsewhere")).id;
    expect((await existingAuditTargets(otherOrganization, events)).size).toBe(0);
  });
});

describe("exportAuditCsv", () => {
  async function exported(filter: AuditLogFilter, canViewApps = true) {
    let text = "";
    for await (const chunk of exportAuditCsv(organizationId, filter, canViewApps)) text += chunk;
    expect(text.startsWith("\uFEFF")).toBe(true);
    return Papa.parse<Record<string, string>>(text.slice(1), { header: true, skipEmptyLines: true });
  }

  it("exports every filtered event (more than one page), in plain words, with neutralised cells", async () => {
    const filter: AuditLogFilter = { category: "import", range: "30d" };
    const csv = await exported(filter);
    expect(csv.errors).toEqual([]);
    expect(csv.meta.fields).toEqual(["Time (UTC)", "Actor", "Event", "Action", "Target type", "Target", "IP"]);
    const want = expected(filter);
    expect(csv.data).toHaveLength(want.length);
    expect(csv.data.map((row) => row.Target).sort()).toEqual(want.map((event) => event.targetLabel).sort());
    const row = csv.data[0]!;
    expect(row["Time (UTC)"]).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect(row.Action).toBe("app.import_confirmed");
    expect(row.Event).toBe(`Imported 3 people from ${row.Target}`);
    const injected = csv.data.find((line) => line.Actor!.includes("HYPERLINK"));
    expect(injected?.Actor).toBe(`'=HYPERLINK("x")@example.com`);
  });

  it("exports all pages of a broad filter", async () => {
    const csv = await exported({});
    expect(csv.data).toHaveLength(2_100);
  });

  it("words app events without their changes for an admin who cannot view apps", async () => {
    const csv = await exported({ category: "import", q: "Target 3" }, false);
    expect(csv.data.length).toBeGreaterThan(0);
    for (const row of csv.data) expect(row.Event).toBe(describeAuditEvent({ action: "app.import_confirmed", targetLabel: row.Target!, changes: null }));
  });
});
