import Papa from "papaparse";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "../../db";
import { startSandbox, type RunningSandbox } from "../../sandbox";
import { makeActiveApp } from "../../testing/active-app";
import { makeOrganization, makePerson } from "../../testing/make-organization";
import { dryRunAppSync } from "../sync/dry-run";
import { exportOperationsCsv } from "./export-operations-csv";
import { countAppAccounts } from "./get-sync-overview";
import { decodeOperationCursor, listOperations } from "./list-operations";
import { listUserAccounts } from "./list-user-accounts";
import { provisionUserNow } from "../sync/provision-now";
import type { OperationLogFilter } from "./schemas";

const T0 = new Date("2026-03-10T12:00:00.000Z");
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);

let orgA: string;
let orgB: string;
let crm: string;
let wiki: string;
let foreign: string;
let dana: string;

async function addApp(organizationId: string, name: string) {
  return (await db.app.create({ data: { organizationId, catalogKey: "scim", name }, select: { id: true } })).id;
}

type Seed = {
  appId: string;
  userId?: string;
  label: string;
  kind?: "CREATE" | "UPDATE" | "DEACTIVATE";
  status?: "SUCCEEDED" | "FAILED" | "SKIPPED";
  createdAt: Date;
  message?: string;
  changes?: object;
};

async function seed(rows: Seed[]) {
  await db.operation.createMany({
    data: rows.map((row) => ({
      appId: row.appId,
      userId: row.userId ?? dana,
      userLabel: row.label,
      kind: row.kind ?? "CREATE",
      status: row.status ?? "SUCCEEDED",
      httpStatus: row.status === "FAILED" ? 400 : 201,
      message: row.message ?? null,
      changes: row.changes,
      createdAt: row.createdAt,
    })),
  });
}

/** Every id of the filter, page by page, following the cursors as the pages do. */
async function walk(organizationId: string, filter: OperationLogFilter, pageSize: number) {
  const ids: string[] = [];
  let cursor = null;
  for (let pages = 0; pages < 100; pages++) {
    const page = await listOperations(organizationId, filter, cursor, pageSize);
    ids.push(...page.operations.map((operation) => operation.id));
    if (!page.nextCursor) return ids;
    cursor = decodeOperationCursor(page.nextCursor);
  }
  throw new Error("Paging did not end.");
}

beforeAll(async () => {
  orgA = (await makeOrganization("Halden")).id;
  orgB = (await makeOrganization("Elsewhere")).id;
  dana = (await makePerson(orgA, { email: "dana.lee@halden.example" })).id;
  crm = await addApp(orgA, "CRM");
  wiki = await addApp(orgA, "Wiki");
  foreign = await addApp(orgB, "Foreign CRM");
  // 13 operations in the same millisecond (ties), then some before and after.
  await seed([
    ...Array.from({ length: 13 }, (_, index) => ({
      appId: index % 2 ? crm : wiki,
      label: `Tied Person ${index} <tied${index}@halden.example>`,
      createdAt: at(10),
    })),
    { appId: crm, label: "Dana Lee <dana.lee@halden.example>", kind: "UPDATE", changes: { title: { from: "AE", to: "Senior AE" } }, createdAt: at(20) },
    {
      appId: crm,
      label: "Dana Lee <dana.lee@halden.example>",
      kind: "DEACTIVATE",
      status: "FAILED",
      message: "The app refused the change.",
      createdAt: at(30),
    },
    { appId: wiki, label: "Sam Ortiz <sam@halden.example>", status: "SKIPPED", message: "“Create users” is off for this app.", createdAt: at(-60 * 24) },
    { appId: foreign, label: "Dana Lee <dana.lee@elsewhere.example>", createdAt: at(15) },
    { appId: foreign, label: "Stranger <stranger@elsewhere.example>", status: "FAILED", createdAt: at(10) },
  ]);
});

describe("listOperations", () => {
  it("pages newest first over ties without gaps or repeats, whatever the page size", async () => {
    const expected = (
      await db.operation.findMany({ where: { app: { organizationId: orgA } }, orderBy: [{ createdAt: "desc" }, { id: "desc" }], select: { id: true } })
    ).map((row) => row.id);
    expect(expected).toHaveLength(16);
    for (const pageSize of [1, 2, 3, 5, 7, 16, 50]) {
      const ids = await walk(orgA, {}, pageSize);
      expect(ids, `page size ${pageSize}`).toEqual(expected);
    }
  });

  it("keeps its place when newer operations arrive between pages", async () => {
    const first = await listOperations(orgA, {}, null, 4);
    await seed([{ appId: crm, label: "Late Arrival <late@halden.example>", createdAt: at(60) }]);
    const rest = await walk(orgA, {}, 4).then((all) => all.slice(all.indexOf(first.operations.at(-1)!.id) + 1));
    const second = await listOperations(orgA, {}, decodeOperationCursor(first.nextCursor), 100);
    expect(second.operations.map((operation) => operation.id)).toEqual(rest);
    await db.operation.deleteMany({ where: { userLabel: { startsWith: "Late Arrival" } } });
  });

  // Filters are functions: the app ids exist only once beforeAll has run.
  it.each<[string, () => OperationLogFilter, number]>([
    ["status", () => ({ status: "FAILED" }), 1],
    ["kind", () => ({ kind: "UPDATE" }), 1],
    ["app", () => ({ app: wiki }), 8], // the 7 tied rows with even indexes, and the skipped one
    ["search by person, any case", () => ({ q: "DANA lee" }), 2],
    ["search by e-mail part", () => ({ q: "tied1" }), 4], // tied1, tied10, tied11, tied12
    ["time range (inclusive days, UTC)", () => ({ from: "2026-03-10", to: "2026-03-10" }), 15],
    ["only a start", () => ({ from: "2026-03-11" }), 0],
    ["only an end", () => ({ to: "2026-03-09" }), 1],
    ["status and app together", () => ({ status: "SKIPPED", app: wiki }), 1],
  ])("filters by %s", async (_name, makeFilter, count) => {
    const filter = makeFilter();
    const page = await listOperations(orgA, filter, null, 100);
    expect(page.operations).toHaveLength(count);
    for (const operation of page.operations) {
      if (filter.status) expect(operation.status).toBe(filter.status);
      if (filter.kind) expect(operation.kind).toBe(filter.kind);
      if (filter.app) expect(operation.appId).toBe(filter.app);
    }
  });

  it("gives each row its app's name, plain-words labels and the changes as a list", async () => {
    const [update] = (await listOperations(orgA, { kind: "UPDATE" }, null)).operations;
    expect(update).toMatchObject({ appName: "CRM", kindLabel: "Update", statusLabel: "Succeeded", changes: [{ path: "title", from: "AE", to: "Senior AE" }] });
  });

  it("never shows another organization's operations, even for its app id", async () => {
    const all = await walk(orgA, {}, 5);
    const foreignIds = (await db.operation.findMany({ where: { appId: foreign }, select: { id: true } })).map((row) => row.id);
    expect(all.filter((id) => foreignIds.includes(id))).toEqual([]);
    expect((await listOperations(orgA, { app: foreign }, null)).operations).toEqual([]);
    expect((await listOperations(orgB, { app: crm }, null)).operations).toEqual([]);
    expect((await listOperations(orgB, {}, null)).operations.map((operation) => operation.appName)).toEqual(["Foreign CRM", "Foreign CRM"]);
  });

  it("ignores a cursor that is not one of its own", () => {
    expect(decodeOperationCursor("not-base64-json")).toBeNull();
    expect(decodeOperationCursor(Buffer.from(JSON.stringify({ createdAt: "x", id: "y" })).toString("base64url"))).toBeNull();
  });
});

describe("exportOperationsCsv", () => {
  async function exportText(organizationId: string, filter: OperationLogFilter) {
    let text = "";
    for await (const chunk of exportOperationsCsv(organizationId, filter)) text += chunk;
    return text;
  }

  it("exports the filtered rows with every formula-like cell neutralised", async () => {
    const evil = await addApp(orgA, '=HYPERLINK("http://evil.example","CRM")');
    await seed([
      {
        appId: evil,
        label: "=cmd|' /C calc'!A0 <x@halden.example>",
        status: "FAILED",
        message: "+SUM(1,2) was refused",
        changes: { title: { from: "@boss", to: "-1+1" } },
        createdAt: at(40),
      },
      { appId: evil, label: "\tTabbed <t@halden.example>", message: "\r=1+1", createdAt: at(41) },
    ]);
    const text = await exportText(orgA, { app: evil });
    expect(text.startsWith("\uFEFF")).toBe(true);
    const rows = Papa.parse<string[]>(text.slice(1), { skipEmptyLines: true }).data;
    expect(rows[0]).toEqual([
      "Time (UTC)",
      "App",
      "Person",
      "Person ID",
      "Operation",
      "Status",
      "HTTP status",
      "Message",
      "Changes",
      "Attempt",
      "Duration (ms)",
    ]);
    expect(rows).toHaveLength(3);
    const [tabbed, failed] = rows.slice(1) as [string[], string[]];
    expect(failed).toMatchObject({
      1: '\'=HYPERLINK("http://evil.example","CRM")',
      2: "'=cmd|' /C calc'!A0 <x@halden.example>",
      4: "Create",
      5: "Failed",
      6: "400",
      7: "'+SUM(1,2) was refused",
      8: "title: @boss → -1+1",
    });
    expect(tabbed).toMatchObject({ 2: "'\tTabbed <t@halden.example>", 7: "'\r=1+1" });
    for (const cell of rows.flat()) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
  });

  it("exports only the organization's own rows, newest first", async () => {
    const rows = Papa.parse<string[]>((await exportText(orgB, {})).slice(1), { skipEmptyLines: true }).data.slice(1);
    expect(rows.map((row) => row[2])).toEqual(["Dana Lee <dana.lee@elsewhere.example>", "Stranger <stranger@elsewhere.example>"]);
  });
});

describe("account status", () => {
  it("counts provisioned and failing accounts of one app of the organization", async () => {
    const [one, two, three] = await Promise.all([makePerson(orgA), makePerson(orgA), makePerson(orgA)]);
    await db.account.createMany({
      data: [
        { appId: crm, userId: one.id, userLabel: "One", remoteId: "r1", state: "ACTIVE" },
        { appId: crm, userId: two.id, userLabel: "Two", remoteId: "r2", state: "INACTIVE", lastError: "The app refused the change." },
        { appId: crm, userId: three.id, userLabel: "Three", remoteId: null, state: "DELETED" },
      ],
    });
    expect(await countAppAccounts(orgA, crm)).toEqual({ provisioned: 2, failing: 1 });
    expect(await countAppAccounts(orgB, crm)).toEqual({ provisioned: 0, failing: 0 });
    const [row] = await listUserAccounts(orgA, two.id);
    expect(row).toMatchObject({ app: { id: crm, name: "CRM" }, assigned: false, account: { state: "INACTIVE", lastError: "The app refused the change." } });
    expect(await listUserAccounts(orgB, two.id)).toEqual([]);
  });
});

describe("against the sandbox", () => {
  let sandbox: RunningSandbox;
  let context: { organizationId: string; actor: { id: string; label: string }; ip: null };
  let appId: string;

  beforeAll(async () => {
    vi.stubEnv("ROSTER_ALLOW_PRIVATE_TARGETS", "1");
    sandbox = await startSandbox({ quiet: true, token: "log-token-0001" });
    const owner = await makePerson(orgA, { role: "OWNER", email: "owner@halden.example" });
    context = { organizationId: orgA, actor: { id: owner.id, label: owner.email }, ip: null };
    appId = await makeActiveApp(sandbox, context);
  });
  afterAll(() => sandbox?.close());

  it("dry run plans without sending; Provision now sends, reports each step and is audited", async () => {
    const person = await db.user.create({
      data: { organizationId: orgA, email: "ines.moreau@halden.example", firstName: "Inès", lastName: "Moreau", title: "Designer" },
      select: { id: true },
    });
    await db.assignment.create({ data: { appId, userId: person.id } });
    const before = sandbox.stats.snapshot().total;

    const plan = await dryRunAppSync(orgA, appId);
    expect(plan).toMatchObject({ people: 1, counts: { CREATE: 1 }, changedPeople: 1, needsApproval: false });
    expect(plan.changes[0]!.operations[0]!.changes).toContainEqual({ path: "title", from: null, to: "Designer" });
    expect(sandbox.stats.snapshot().total - before).toBe(0);
    await expect(dryRunAppSync(orgB, appId)).rejects.toThrow("This app no longer exists.");

    const result = await provisionUserNow(appId, person.id, context);
    expect(result.steps.map((step) => step.step)).toEqual(["In scope?", "Matched?", "Sent"]);
    expect(result.steps[2]).toMatchObject({ outcome: "ok", detail: "Created the account ines.moreau@halden.example." });
    expect(result).toMatchObject({ changed: true, retrying: false });
    expect(sandbox.store.users.findByExternalId(person.id)?.attributes).toMatchObject({ userName: "ines.moreau@halden.example", title: "Designer" });
    expect(await db.auditEvent.count({ where: { action: "user.provisioned_now", targetId: person.id } })).toBe(1);

    const again = await provisionUserNow(appId, person.id, context);
    expect(again.steps.at(-1)).toMatchObject({ outcome: "ok", detail: "Nothing to change: the app already matches the directory." });
    expect((await listOperations(orgA, { app: appId }, null)).operations.map((operation) => `${operation.kind}:${operation.status}`)).toEqual([
      "CREATE:SUCCEEDED",
    ]);

    await expect(provisionUserNow(appId, person.id, { ...context, organizationId: orgB })).rejects.toThrow("This app no longer exists.");
  });
});
