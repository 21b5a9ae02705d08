import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../db";
import { makeOrganization } from "../testing/make-organization";
import { decodeAuditCursor, encodeAuditCursor, listAuditEvents } from "./list-audit-events";

let organizationId: string;

beforeAll(async () => {
  organizationId = (await makeOrganization()).id;
  const other = await makeOrganization("Other");
  // 60 events, ten of them sharing each timestamp, so paging must break ties by id.
  const base = Date.parse("2026-11-01T00:00:00Z");
  await db.auditEvent.createMany({
    data: Array.from({ length: 60 }, (_, i) => ({
      organizationId,
      actorLabel: "tester",
      action: "test.happened",
      targetType: "test",
      targetLabel: `event ${i}`,
      createdAt: new Date(base + Math.floor(i / 10) * 1000),
    })),
  });
  await db.auditEvent.create({ data: { organizationId: other.id, actorLabel: "x", action: "other", targetType: "test" } });
});

describe("listAuditEvents", () => {
  it("pages through every event exactly once, newest first, within the organization", async () => {
    const seen: string[] = [];
    let cursor = null;
    let pages = 0;
    do {
      const page = await listAuditEvents(organizationId, cursor, 25);
      expect(page.total).toBe(60);
      seen.push(...page.events.map((event) => event.targetLabel!));
      cursor = decodeAuditCursor(page.nextCursor);
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(new Set(seen).size).toBe(60);
    const times = seen.map((label) => Math.floor(Number(label.split(" ")[1]) / 10));
    expect(times).toEqual([...times].sort((a, b) => b - a));
  });

  it("ignores a tampered cursor instead of failing", () => {
    expect(decodeAuditCursor("not-base64-json")).toBeNull();
    expect(decodeAuditCursor(Buffer.from('{"createdAt":"x","id":"1"}').toString("base64url"))).toBeNull();
    const good = { createdAt: new Date().toISOString(), id: "3f2b8c4e-1d2a-4c3b-9e8f-7a6b5c4d3e2f" };
    expect(decodeAuditCursor(encodeAuditCursor(good))).toEqual(good);
  });
});
