import { beforeEach, describe, expect, it } from "vitest";
import { db } from "../../db";
import { getOverviewCounts } from "../../directory/organization";
import { makeOrganization, makePerson } from "../../testing/make-organization";
import { countAppsByState, getOperationSeries, listAppHealth, listRecentFailures } from "./get-provisioning-overview";
import { setupChecklist } from "./setup-checklist";

const NOW = new Date("2026-11-30T10:00:00.000Z");
const HOUR = 60 * 60 * 1000;
const ago = (hours: number) => new Date(NOW.getTime() - hours * HOUR);

let org: string;
let other: string;
let dana: string;

type AppState = "DRAFT" | "ACTIVE" | "PAUSED" | "QUARANTINED";

async function addApp(organizationId: string, name: string, state: AppState = "ACTIVE", extra: { quarantineReason?: string; createdAt?: Date } = {}) {
  return (await db.app.create({ data: { organizationId, catalogKey: "scim", name, state, ...extra }, select: { id: true } })).id;
}

type Status = "SUCCEEDED" | "FAILED" | "SKIPPED";

async function seed(appId: string, rows: { at: Date; status?: Status; label?: string; message?: string | null; groupId?: string }[]) {
  await db.operation.createMany({
    data: rows.map((row) => ({
      appId,
      userId: row.groupId ? null : dana,
      groupId: row.groupId ?? null,
      userLabel: row.label ?? "Dana Lee <dana.lee@halden.example>",
      kind: "CREATE" as const,
      status: row.status ?? "SUCCEEDED",
      httpStatus: row.status === "FAILED" ? 400 : 201,
      message: row.message === undefined ? (row.status === "FAILED" ? "The app refused the e-mail address." : null) : row.message,
      createdAt: row.at,
    })),
  });
}

beforeEach(async () => {
  org = (await makeOrganization("Halden")).id;
  other = (await makeOrganization("Elsewhere")).id;
  dana = (await makePerson(org, { email: `dana.lee.${Math.random().toString(36).slice(2, 8)}@halden.example`, role: "OWNER" })).id;
});

describe("getOverviewCounts", () => {
  it("counts people by status, the Owners and Admins, and groups, in the organization only", async () => {
    await makePerson(org, { role: "ADMIN" });
    await makePerson(org, { status: "INACTIVE" });
    await makePerson(org);
    await makePerson(other, { role: "OWNER" });
    await db.group.createMany({
      data: [
        { organizationId: org, name: "Engineering" },
        { organizationId: org, name: "Sales" },
        { organizationId: other, name: "Theirs" },
      ],
    });
    expect(await getOverviewCounts(org, NOW)).toEqual({ people: 4, active: 3, inactive: 1, admins: 2, groups: 2, recentEvents: 0 });
  });
});

describe("listAppHealth", () => {
  it("lists the organization's apps with their states, counted by state", async () => {
    await addApp(org, "CRM", "ACTIVE");
    await addApp(org, "Wiki", "ACTIVE");
    await addApp(org, "Chat", "PAUSED");
    await addApp(org, "Jira", "QUARANTINED", { quarantineReason: "The app refuses the token on every request. Enter a new token." });
    await addApp(org, "Draft", "DRAFT");
    await addApp(other, "Foreign", "ACTIVE");
    const apps = await listAppHealth(org, NOW);
    expect(apps.map((app) => app.name).sort()).toEqual(["CRM", "Chat", "Draft", "Jira", "Wiki"]);
    expect(countAppsByState(apps)).toEqual({ total: 5, ACTIVE: 2, PAUSED: 1, QUARANTINED: 1, DRAFT: 1 });
    expect(apps.find((app) => app.name === "Jira")).toMatchObject({
      state: "QUARANTINED",
      quarantineReason: "The app refuses the token on every request. Enter a new token.",
    });
  });

  it("counts failures in the 24 hours before now only, per app", async () => {
    const crm = await addApp(org, "CRM");
    const wiki = await addApp(org, "Wiki");
    await seed(crm, [
      { at: ago(1), status: "FAILED" },
      { at: ago(23.9), status: "FAILED" },
      { at: ago(24.1), status: "FAILED" },
      { at: ago(2), status: "SUCCEEDED" },
      { at: ago(3), status: "SKIPPED" },
    ]);
    await seed(wiki, [{ at: ago(5), status: "FAILED" }]);
    const apps = await listAppHealth(org, NOW);
    expect(Object.fromEntries(apps.map((app) => [app.name, app.failures24h]))).toEqual({ CRM: 2, Wiki: 1 });
  });

  it("takes the last sync from the latest operation or sync run, whichever is later, and says never for neither", async () => {
    const crm = await addApp(org, "CRM");
    const wiki = await addApp(org, "Wiki");
    await addApp(org, "Idle");
    await seed(crm, [{ at: ago(5) }, { at: ago(2) }]);
    await db.syncRun.create({ data: { appId: crm, status: "COMPLETED", startedAt: ago(4), finishedAt: ago(3) } });
    await seed(wiki, [{ at: ago(10) }]);
    await db.syncRun.create({ data: { appId: wiki, status: "COMPLETED", startedAt: ago(1.5), finishedAt: ago(1) } });
    // A dry run sends nothing: it is not a sync.
    await db.syncRun.create({ data: { appId: wiki, dryRun: true, status: "COMPLETED", startedAt: ago(0.5), finishedAt: ago(0.4) } });
    const apps = Object.fromEntries((await listAppHealth(org, NOW)).map((app) => [app.name, app.lastSyncAt]));
    expect(apps).toEqual({ CRM: ago(2), Wiki: ago(1), Idle: null });
  });
});

describe("getOperationSeries", () => {
  it("buckets by UTC day over 30 days, fills the gaps with zeros and leaves out other organizations and older days", async () => {
    const crm = await addApp(org, "CRM");
    const wiki = await addApp(org, "Wiki");
    const foreign = await addApp(other, "Foreign");
    await seed(crm, [
      // The window's first instant, and the last instant before it.
      { at: new Date("2026-11-01T00:00:00.000Z") },
      { at: new Date("2026-10-31T23:59:59.999Z") },
      // Either side of a UTC midnight: two days, whatever the server's zone.
      { at: new Date("2026-11-15T23:59:59.999Z"), status: "FAILED" },
      { at: new Date("2026-11-16T00:00:00.000Z"), status: "SKIPPED" },
      { at: NOW },
    ]);
    await seed(wiki, [{ at: new Date("2026-11-30T00:00:00.000Z") }, { at: new Date("2026-11-16T01:00:00+02:00"), status: "FAILED" }]);
    await seed(foreign, [{ at: ago(1) }, { at: ago(1), status: "FAILED" }]);
    const series = await getOperationSeries(org, NOW);
    expect(series).toHaveLength(30);
    expect(series[0]!.day).toBe("2026-11-01");
    expect(series.at(-1)!.day).toBe("2026-11-30");
    expect(series.filter((day) => day.succeeded + day.failed + day.skipped > 0)).toEqual([
      { day: "2026-11-01", succeeded: 1, failed: 0, skipped: 0 },
      // 01:00 at +02:00 on the 16th is 23:00 UTC on the 15th.
      { day: "2026-11-15", succeeded: 0, failed: 2, skipped: 0 },
      { day: "2026-11-16", succeeded: 0, failed: 0, skipped: 1 },
      { day: "2026-11-30", succeeded: 2, failed: 0, skipped: 0 },
    ]);
  });

  it("keeps UTC days when the database session runs in another time zone", async () => {
    const crm = await addApp(org, "CRM");
    // 23:30 UTC on the 15th is already the 16th in Kiritimati (UTC+14).
    await seed(crm, [{ at: new Date("2026-11-15T23:30:00.000Z"), status: "FAILED" }]);
    const series = await db.$transaction(async (tx) => {
      await tx.$executeRaw`SET LOCAL TIME ZONE 'Pacific/Kiritimati'`;
      return getOperationSeries(org, NOW, undefined, tx);
    });
    expect(series.filter((day) => day.failed > 0)).toEqual([{ day: "2026-11-15", succeeded: 0, failed: 1, skipped: 0 }]);
  });

  it("answers 30 days of zeros for an organization that has sent nothing", async () => {
    const series = await getOperationSeries(org, NOW);
    expect(series).toHaveLength(30);
    expect(series.every((day) => day.succeeded + day.failed + day.skipped === 0)).toBe(true);
  });
});

describe("listRecentFailures", () => {
  it("answers the latest failures, newest first, each linking to its app's log filtered to it", async () => {
    const crm = await addApp(org, "CRM");
    const wiki = await addApp(org, "Wiki");
    const foreign = await addApp(other, "Foreign");
    const group = await db.group.create({ data: { organizationId: org, name: "Engineering" }, select: { id: true } });
    await seed(crm, [
      ...Array.from({ length: 6 }, (_, index) => ({ at: ago(10 + index), status: "FAILED" as const, label: `Person ${index} <p${index}@halden.example>` })),
      { at: ago(0.5), status: "SUCCEEDED" },
    ]);
    await seed(wiki, [
      { at: ago(2), status: "FAILED", label: "Engineering", groupId: group.id, message: "The app has no group endpoint." },
      { at: ago(1), status: "FAILED", message: null },
    ]);
    await seed(foreign, [{ at: ago(0.1), status: "FAILED", label: "Someone Else <x@elsewhere.example>" }]);
    const failures = await listRecentFailures(org);
    expect(failures.map((failure) => [failure.appName, failure.label])).toEqual([
      ["Wiki", "Dana Lee <dana.lee@halden.example>"],
      ["Wiki", "Engineering"],
      ["CRM", "Person 0 <p0@halden.example>"],
      ["CRM", "Person 1 <p1@halden.example>"],
      ["CRM", "Person 2 <p2@halden.example>"],
    ]);
    expect(failures[0]).toMatchObject({ reason: "The app answered HTTP 400 without saying why.", isGroup: false, kindLabel: "Create" });
    expect(failures[0]!.logHref).toBe(`/applications/${wiki}/log?status=FAILED&q=dana.lee%40halden.example&from=2026-11-30&to=2026-11-30`);
    expect(failures[1]).toMatchObject({ reason: "The app has no group endpoint.", isGroup: true });
    expect(failures[1]!.logHref).toBe(`/applications/${wiki}/log?status=FAILED&q=Engineering&from=2026-11-30&to=2026-11-30`);
  });
});

describe("the getting-started checklist, from the database", () => {
  const ticked = async () => {
    const [counts, apps] = await Promise.all([getOverviewCounts(org, NOW), listAppHealth(org, NOW)]);
    const { steps, allDone } = setupChecklist({ people: counts.people, apps });
    return { done: steps.filter((step) => step.done).map((step) => step.key), allDone };
  };

  it("ticks each step as its rows appear, and is all done after the first successful operation", async () => {
    expect(await ticked()).toEqual({ done: [], allDone: false });
    const amara = await makePerson(org);
    expect((await ticked()).done).toEqual(["people"]);
    const crm = await addApp(org, "CRM", "DRAFT");
    expect((await ticked()).done).toEqual(["people", "app"]);
    await db.app.update({ where: { id: crm }, data: { baseUrl: "https://scim.example/v2", tokenLast4: "abcd", authorizedAt: NOW } });
    expect((await ticked()).done).toEqual(["people", "app", "configure", "authorize"]);
    await db.app.update({ where: { id: crm }, data: { mappingSavedAt: NOW, actionsSavedAt: NOW, state: "ACTIVE" } });
    expect((await ticked()).done).toEqual(["people", "app", "configure", "authorize", "mapping", "actions"]);
    await db.assignment.create({ data: { appId: crm, userId: amara.id } });
    expect((await ticked()).done).toEqual(["people", "app", "configure", "authorize", "mapping", "actions", "assign"]);
    await seed(crm, [{ at: ago(1), status: "FAILED" }]);
    expect((await ticked()).allDone).toBe(false);
    await seed(crm, [{ at: ago(0.5), status: "SUCCEEDED" }]);
    expect(await ticked()).toEqual({ done: ["people", "app", "configure", "authorize", "mapping", "actions", "assign", "provisioned"], allDone: true });
  });

  it("ticks assigning for a group assigned to the app", async () => {
    const crm = await addApp(org, "CRM");
    const group = await db.group.create({ data: { organizationId: org, name: "Sales" }, select: { id: true } });
    await db.groupAssignment.create({ data: { appId: crm, groupId: group.id } });
    expect((await ticked()).done).toContain("assign");
  });
});

describe("with 10,000 operations", () => {
  it("answers the true figures", async () => {
    const apps = [await addApp(org, "CRM"), await addApp(org, "Wiki"), await addApp(org, "Chat")];
    const statuses: Status[] = ["SUCCEEDED", "SUCCEEDED", "SUCCEEDED", "SUCCEEDED", "SUCCEEDED", "SUCCEEDED", "SUCCEEDED", "FAILED", "SKIPPED", "SUCCEEDED"];
    // Spread over 40 days (so a quarter falls outside the window), every 345.6 seconds.
    const rows = Array.from({ length: 10_000 }, (_, index) => ({
      appId: apps[index % 3]!,
      userId: dana,
      userLabel: `Person ${index} <p${index}@halden.example>`,
      kind: "UPDATE" as const,
      status: statuses[index % 10]!,
      message: statuses[index % 10] === "FAILED" ? "The app refused the request." : null,
      createdAt: new Date(NOW.getTime() - index * 345_600),
    }));
    for (let start = 0; start < rows.length; start += 2_000) await db.operation.createMany({ data: rows.slice(start, start + 2_000) });
    await db.$executeRaw`ANALYZE operations`;

    const windowStart = Date.parse("2026-11-01T00:00:00.000Z");
    const inWindow = rows.filter((row) => row.createdAt.getTime() >= windowStart);
    const expected = (status: Status) => inWindow.filter((row) => row.status === status).length;
    const failedIn24h = rows.filter((row) => row.status === "FAILED" && row.createdAt.getTime() >= NOW.getTime() - 24 * HOUR).length;

    const started = performance.now();
    const [health, series, failures] = await Promise.all([listAppHealth(org, NOW), getOperationSeries(org, NOW), listRecentFailures(org)]);
    const elapsed = performance.now() - started;
    console.info(`Overview read models over 10,000 operations: ${elapsed.toFixed(0)} ms`);

    const sum = (key: "succeeded" | "failed" | "skipped") => series.reduce((total, day) => total + day[key], 0);
    expect({ succeeded: sum("succeeded"), failed: sum("failed"), skipped: sum("skipped") }).toEqual({
      succeeded: expected("SUCCEEDED"),
      failed: expected("FAILED"),
      skipped: expected("SKIPPED"),
    });
    expect(health.reduce((total, app) => total + app.failures24h, 0)).toBe(failedIn24h);
    expect(failures.map((failure) => failure.label)).toEqual([7, 17, 27, 37, 47].map((index) => `Person ${index} <p${index}@halden.example>`));
  });
});
