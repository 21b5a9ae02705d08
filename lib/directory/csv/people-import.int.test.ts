import { beforeEach, describe, expect, it } from "vitest";
import { AppError } from "../../app-error";
import { db } from "../../db";
import { makeOrganization, makePerson } from "../../testing/make-organization";
import { userInput } from "../schemas/user";
import { createUser } from "../users/save-user";
import type { UserWriteContext } from "../users/user-audit";
import { cancelPeopleImport } from "./cancel-people-import";
import { exportPeopleCsv } from "./export-people-csv";
import { getPeopleImport } from "./get-people-import";
import { assignGroups } from "../assignments/assign-groups";
import { importPeopleBatch } from "./import-people-batch";
import { parsePeopleCsv } from "./parse-people-csv";
import { previewPeopleImport } from "./preview-people-import";
import type { ImportProgress } from "./schemas";

let context: UserWriteContext;

beforeEach(async () => {
  const organizationId = (await makeOrganization()).id;
  const owner = await makePerson(organizationId, { role: "OWNER", email: "owner@example.com" });
  context = { organizationId, actor: { id: owner.id, label: owner.email }, ip: "198.51.100.7" };
});

const file = (text: string, name = "people.csv") => ({ name, bytes: new TextEncoder().encode(text) });

async function importAll(importId: string, batchSize?: number): Promise<{ progress: ImportProgress; batches: number }> {
  for (let batches = 1; ; batches++) {
    const progress = await importPeopleBatch(importId, context, { batchSize });
    if (progress.done) return { progress, batches };
  }
}

const countPeople = () => db.user.count({ where: { organizationId: context.organizationId } });

describe("preview, then import", () => {
  const CSV = [
    "E-mail,Given name,Surname,Job title,Shoe size",
    "ada@example.com,Ada,Lovelace,Analyst,38",
    "not-an-email,Bad,Row,,",
    "grace@example.com,Grace,Hopper,=cmd|' /C calc'!A0,",
    "OWNER@example.com,Again,Owner,,",
    "ada@example.com,Ada,Again,,",
    "alan@example.com,<script>alert(1)</script>,Turing,,",
  ].join("\n");

  it("checks the file without touching the directory, then imports the valid new rows", async () => {
    const before = await countPeople();
    const { importId } = await previewPeopleImport(file(CSV), context);
    expect(await countPeople()).toBe(before);

    const preview = (await getPeopleImport(context.organizationId, importId))!;
    expect(preview).toMatchObject({
      fileName: "people.csv",
      status: "PREVIEW",
      totalRows: 6,
      toImport: 3,
      imported: 0,
      errorRows: 2,
      skipRows: 1,
      issueCount: 3,
    });
    expect(preview.headerWarnings).toEqual(["Column “Shoe size” is not a Roster field; it will be ignored."]);
    expect(preview.issues).toEqual([
      { line: 3, kind: "error", field: "email", message: "Enter a valid e-mail address, such as dana.lee@example.com.", value: "not-an-email" },
      {
        line: 5,
        kind: "skip",
        field: "email",
        message: "Already in the directory as Test Person; this row is skipped, not updated.",
        value: "owner@example.com",
      },
      {
        line: 6,
        kind: "error",
        field: "email",
        message: "Also on line 2, which will be imported. Remove this row or give it another e-mail.",
        value: "ada@example.com",
      },
    ]);
    expect(preview.sample.map((row) => [row.line, row.input.firstName])).toEqual([
      [2, "Ada"],
      [4, "Grace"],
      [7, "<script>alert(1)</script>"],
    ]);

    const { progress } = await importAll(importId);
    expect(progress).toEqual({ status: "COMPLETED", total: 3, imported: 3, skipped: 0, done: true });
    expect(await countPeople()).toBe(before + 3);
    const grace = await db.user.findFirstOrThrow({
      where: { organizationId: context.organizationId, email: "grace@example.com" },
      select: { id: true, title: true },
    });
    expect(grace.title).toBe("=cmd|' /C calc'!A0");
    expect(await db.auditEvent.findMany({ where: { targetId: grace.id }, select: { action: true, actorId: true } })).toEqual([
      { action: "user.created", actorId: context.actor.id },
    ]);

    const summary = (await getPeopleImport(context.organizationId, importId))!;
    expect(summary).toMatchObject({ status: "COMPLETED", imported: 3, skippedDuringImport: 0, errorRows: 2, skipRows: 1 });
    expect(summary.completedAt).toBeInstanceOf(Date);
  });

  it("is another organization's business: neither readable nor runnable from here", async () => {
    const { importId } = await previewPeopleImport(file(CSV), context);
    const other = (await makeOrganization("Other")).id;
    expect(await getPeopleImport(other, importId)).toBeNull();
    const error = await importPeopleBatch(importId, { ...context, organizationId: other }).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: "not_found" });
  });
});

describe("files that cannot be imported", () => {
  it.each([
    ["an empty file", "", "This file is empty. Add a header row and one row per person, then upload it again."],
    ["only a header", "Email,First name,Last name\n", "This file has a header row but no people. Add one row per person under the header and upload again."],
    ["no e-mail column", "Name,First name,Last name\nx,y,z\n", "The file has no E-mail column. Add one (its header can be “E-mail”) and upload again."],
  ])("refuses %s and stores nothing", async (_name, text, message) => {
    const error = await previewPeopleImport(file(text), context).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: "invalid_input", message, fieldErrors: { file: [message] } });
    expect(await db.directoryImport.count({ where: { organizationId: context.organizationId } })).toBe(0);
  });

  it("refuses UTF-16 text", async () => {
    const bytes = new Uint8Array([0xff, 0xfe, ...Buffer.from("Email,First name,Last name\n", "utf16le")]);
    await expect(previewPeopleImport({ name: "x.csv", bytes }, context)).rejects.toMatchObject({
      message: "This file is not UTF-8 text. Save it as “CSV UTF-8” and upload again.",
    });
  });
});

describe("a 10,000-row file", () => {
  it("imports fully in batches, with one audit event per person", async () => {
    const rows = Array.from({ length: 10_000 }, (_, index) => `person${index}@bulk.example,Person,Number ${index},Engineer,Platform`);
    const { importId } = await previewPeopleImport(file(["Email,First name,Last name,Job title,Department", ...rows].join("\n")), context);
    const before = await countPeople();

    const { progress, batches } = await importAll(importId);

    expect(batches).toBe(40);
    expect(progress).toEqual({ status: "COMPLETED", total: 10_000, imported: 10_000, skipped: 0, done: true });
    expect(await countPeople()).toBe(before + 10_000);
    expect(await db.auditEvent.count({ where: { organizationId: context.organizationId, action: "user.created" } })).toBe(10_000);
    expect(await db.directoryImport.findUniqueOrThrow({ where: { id: importId }, select: { importedRows: true, skippedRows: true, status: true } })).toEqual({
      importedRows: 10_000,
      skippedRows: 0,
      status: "COMPLETED",
    });
  }, 180_000);
});

describe("running an import more than once", () => {
  const rows = Array.from({ length: 25 }, (_, index) => `twice${index}@example.com,Twice,${index}`);
  const CSV = ["Email,First name,Last name", ...rows].join("\n");

  it("creates each person once when two tabs run batches at the same time", async () => {
    const { importId } = await previewPeopleImport(file(CSV), context);
    const before = await countPeople();
    const [first, second] = await Promise.all([importAll(importId, 4), importAll(importId, 4)]);
    expect(first.progress).toMatchObject({ imported: 25, done: true });
    expect(second.progress).toMatchObject({ imported: 25, done: true });
    expect(await countPeople()).toBe(before + 25);
    expect(await db.auditEvent.count({ where: { organizationId: context.organizationId, action: "user.created" } })).toBe(25);
  });

  it("does nothing when run again after it finished", async () => {
    const { importId } = await previewPeopleImport(file(CSV), context);
    await importAll(importId);
    const after = await countPeople();
    expect(await importPeopleBatch(importId, context)).toEqual({ status: "COMPLETED", total: 25, imported: 25, skipped: 0, done: true });
    expect(await countPeople()).toBe(after);
  });
});

describe("discarding an import", () => {
  it("stops it: the rest is never imported, and a finished or discarded import cannot be discarded", async () => {
    const CSV = ["Email,First name,Last name", ...Array.from({ length: 6 }, (_, index) => `discard${index}@example.com,Dis,${index}`)].join("\n");
    const { importId } = await previewPeopleImport(file(CSV), context);
    expect(await importPeopleBatch(importId, context, { batchSize: 2 })).toMatchObject({ status: "IMPORTING", imported: 2, done: false });
    await cancelPeopleImport(importId, context);
    await expect(importPeopleBatch(importId, context, { batchSize: 2 })).rejects.toMatchObject({
      code: "conflict",
      message: "This import was discarded. Upload the file again to import it.",
    });
    await expect(cancelPeopleImport(importId, context)).rejects.toMatchObject({ code: "conflict" });
    expect(await db.user.count({ where: { organizationId: context.organizationId, email: { startsWith: "discard" } } })).toBe(2);
    expect(await getPeopleImport(context.organizationId, importId)).toMatchObject({ status: "CANCELLED", imported: 2 });
  });
});

describe("people already in the directory", () => {
  it("skips an e-mail taken after the preview (in any case) with the reason", async () => {
    const { importId } = await previewPeopleImport(file("Email,First name,Last name\ndana.lee@example.com,Dana,Lee\nsam@example.com,Sam,Roe\n"), context);
    await createUser(userInput.parse({ email: "Dana.Lee@EXAMPLE.com", firstName: "Dana", lastName: "Lee-Early" }), context);

    const { progress } = await importAll(importId);

    expect(progress).toEqual({ status: "COMPLETED", total: 2, imported: 1, skipped: 1, done: true });
    expect(await db.user.findMany({ where: { organizationId: context.organizationId, email: "dana.lee@example.com" }, select: { lastName: true } })).toEqual([
      { lastName: "Lee-Early" },
    ]);
    const summary = (await getPeopleImport(context.organizationId, importId))!;
    expect(summary).toMatchObject({ imported: 1, skippedDuringImport: 1, skipRows: 1 });
    expect(summary.issues).toEqual([
      {
        line: 2,
        kind: "skip",
        field: "email",
        message: "Already in the directory as Dana Lee-Early (added after the file was checked); this row is skipped, not updated.",
        value: "dana.lee@example.com",
      },
    ]);
  });
});

describe("exportPeopleCsv", () => {
  async function exported(filter: Parameters<typeof exportPeopleCsv>[1]) {
    let text = "";
    for await (const chunk of exportPeopleCsv(context.organizationId, filter)) text += chunk;
    return text;
  }

  it("writes the filtered people with every cell neutralised, and reads back through the importer", async () => {
    for (const person of [
      {
        email: "eve@example.com",
        firstName: "<script>alert(1)</script>",
        lastName: "Eve",
        title: "=cmd|' /C calc'!A0",
        department: "Security",
        mobile: "+44 20 7946 0958",
      },
      { email: "bob@example.com", firstName: "Bob", lastName: "Builder, Jr.", title: "@SUM(A1)", department: "Security", status: "INACTIVE" },
      { email: "zed@example.com", firstName: "Zed", lastName: "Other", department: "Sales" },
    ]) {
      await createUser(userInput.parse(person), context);
    }

    const text = await exported({ department: "Security" });
    expect(text.split("\r\n")).toEqual([
      "\uFEFFE-mail,First name,Last name,Display name,Employee ID,Job title,Department,Mobile,Locale,Time zone,Status",
      `bob@example.com,Bob,"Builder, Jr.",,,'@SUM(A1),Security,,,,Deactivated`,
      `eve@example.com,<script>alert(1)</script>,Eve,,,'=cmd|' /C calc'!A0,Security,'+44 20 7946 0958,,,Active`,
      "",
    ]);

    const reimported = parsePeopleCsv(text.slice(1));
    expect(reimported.issues).toEqual([]);
    expect(reimported.valid.map((row) => [row.input.title, row.input.mobile, row.input.status])).toEqual([
      ["@SUM(A1)", null, "INACTIVE"],
      ["=cmd|' /C calc'!A0", "+44 20 7946 0958", "ACTIVE"],
    ]);
  });

  it("pages through more people than one page holds, in name order", async () => {
    await db.user.createMany({
      data: Array.from({ length: 2_345 }, (_, index) => ({
        organizationId: context.organizationId,
        email: `paged${index}@example.com`,
        firstName: "Paged",
        lastName: `Person ${String(index).padStart(4, "0")}`,
      })),
    });
    const lines = (await exported({ q: "paged" })).trimEnd().split("\r\n");
    expect(lines).toHaveLength(2_346);
    expect(lines[1]).toMatch(/^paged0@example.com,Paged,Person 0000,/);
    expect(lines.at(-1)).toMatch(/^paged2344@example.com,Paged,Person 2344,/);
  });
});

describe("the Owner rule on CSV import", () => {
  it("never updates an Owner from a row with their e-mail, even one that would deactivate them: the row is skipped with the reason", async () => {
    const admin = await makePerson(context.organizationId, { role: "ADMIN", permissions: ["MANAGE_USERS"], email: "admin@example.com" });
    const asAdmin: UserWriteContext = { ...context, actor: { id: admin.id, label: admin.email } };
    const { importId } = await previewPeopleImport(
      file("Email,First name,Last name,Status\nOwner@Example.com,Mallory,Taken,Deactivated\nsam@example.com,Sam,Roe,Active\n"),
      asAdmin,
    );
    for (let progress = await importPeopleBatch(importId, asAdmin); !progress.done; progress = await importPeopleBatch(importId, asAdmin));

    expect(await db.user.findUniqueOrThrow({ where: { id: context.actor.id! }, select: { email: true, firstName: true, status: true, role: true } })).toEqual({
      email: "owner@example.com",
      firstName: "Test",
      status: "ACTIVE",
      role: "OWNER",
    });
    expect((await getPeopleImport(context.organizationId, importId))!.issues).toEqual([
      {
        line: 2,
        kind: "skip",
        field: "email",
        message: "Already in the directory as Test Person; this row is skipped, not updated.",
        value: "owner@example.com",
      },
    ]);
  });
});

describe("the Groups column", () => {
  const GROUPS_CSV = [
    "Email,First name,Last name,Groups",
    "ann@example.com,Ann,Lee,engineering",
    "bo@example.com,Bo,Ek,Engineering; Platform",
    "cy@example.com,Cy,Ng,",
    "dee@example.com,Dee,Oh,platform",
  ].join("\n");
  let appId: string;
  let engineeringId: string;

  beforeEach(async () => {
    appId = (await db.app.create({ data: { organizationId: context.organizationId, catalogKey: "atlassian", name: "Atlassian" } })).id;
    engineeringId = (await db.group.create({ data: { organizationId: context.organizationId, name: "Engineering" } })).id;
    await assignGroups(appId, [engineeringId], context);
    await db.$executeRaw`DELETE FROM graphile_worker._private_jobs`;
  });

  const membersOf = async (name: string) =>
    (
      await db.groupMember.findMany({
        where: { group: { organizationId: context.organizationId, nameKey: name.toLowerCase() } },
        select: { user: { select: { email: true } } },
      })
    )
      .map((member) => member.user.email)
      .sort();

  /** The people queued for reconcile with the app, by e-mail. */
  async function reconciled(): Promise<string[]> {
    const rows = await db.$queryRaw<{ email: string }[]>`
      SELECT u.email FROM graphile_worker._private_jobs j JOIN graphile_worker._private_tasks t ON t.id = j.task_id
      JOIN users u ON u.id = (j.payload->>'userId')::uuid
      WHERE t.identifier = 'reconcile' AND j.payload->>'appId' = ${appId}`;
    return rows.map((row) => row.email).sort();
  }

  it("previews which groups each row joins and which names don't exist yet, per row and in the summary", async () => {
    const { importId } = await previewPeopleImport(file(GROUPS_CSV), context);
    const preview = (await getPeopleImport(context.organizationId, importId))!;
    expect(preview).toMatchObject({
      toImport: 4,
      errorRows: 0,
      createMissingGroups: false,
      groupJoins: [{ name: "Engineering", rows: 2 }],
      newGroups: [{ name: "Platform", rows: 2 }],
      newGroupRows: 2,
    });
    expect(preview.issues.filter((issue) => issue.kind === "groups").map((issue) => [issue.line, issue.value])).toEqual([
      [3, "Platform"],
      [5, "platform"],
    ]);
    // The row keeps the existing group's own spelling.
    expect(preview.sample[0]).toMatchObject({ line: 2, groups: ["Engineering"], newGroups: [] });
    expect(await db.group.count({ where: { organizationId: context.organizationId } })).toBe(1);
  });

  it("without the option, refuses the rows naming unknown groups with the reason and imports the rest into their groups", async () => {
    const { importId } = await previewPeopleImport(file(GROUPS_CSV), context);
    const { progress } = await importAll(importId);
    expect(progress).toEqual({ status: "COMPLETED", total: 4, imported: 2, skipped: 2, done: true });
    expect(await db.user.count({ where: { organizationId: context.organizationId, email: { in: ["bo@example.com", "dee@example.com"] } } })).toBe(0);
    expect(await membersOf("Engineering")).toEqual(["ann@example.com"]);
    expect(await db.group.count({ where: { organizationId: context.organizationId } })).toBe(1);

    const done = (await getPeopleImport(context.organizationId, importId))!;
    const refused = done.issues.filter((issue) => issue.kind === "error");
    expect(refused.map((issue) => [issue.line, issue.field, issue.value])).toEqual([
      [3, "groups", "Platform"],
      [5, "groups", "platform"],
    ]);
    expect(refused[0]!.message).toContain("“Create groups that don't exist yet” was off: this row was not imported");
    expect(done.errorRows).toBe(2);

    // Joining an assigned group gives Ann the app: her pair is marked, and the membership audited, with the batch.
    expect(await reconciled()).toEqual(["ann@example.com"]);
    expect(
      await db.auditEvent.findMany({
        where: { organizationId: context.organizationId, action: "group.member_added" },
        select: { targetId: true, changes: true },
      }),
    ).toEqual([{ targetId: engineeringId, changes: { member: { from: null, to: "Ann Lee <ann@example.com>" } } }]);
  });

  it("with the option, creates each missing group once (the first batch's choice holds) and imports everyone", async () => {
    const { importId } = await previewPeopleImport(file(GROUPS_CSV), context);
    // The first batch asks to create the groups; later batches cannot change that.
    let progress = await importPeopleBatch(importId, context, { batchSize: 1, createMissingGroups: true });
    while (!progress.done) progress = await importPeopleBatch(importId, context, { batchSize: 1, createMissingGroups: false });
    expect(progress).toEqual({ status: "COMPLETED", total: 4, imported: 4, skipped: 0, done: true });

    expect(await db.group.findMany({ where: { organizationId: context.organizationId }, select: { name: true }, orderBy: { nameKey: "asc" } })).toEqual([
      { name: "Engineering" },
      { name: "Platform" },
    ]);
    expect(await membersOf("Platform")).toEqual(["bo@example.com", "dee@example.com"]);
    expect(await membersOf("Engineering")).toEqual(["ann@example.com", "bo@example.com"]);
    expect(await db.auditEvent.count({ where: { organizationId: context.organizationId, action: "group.created" } })).toBe(1);
    expect((await getPeopleImport(context.organizationId, importId))!.createMissingGroups).toBe(true);
    // Platform is not assigned to the app: only Engineering's newcomers are marked.
    expect(await reconciled()).toEqual(["ann@example.com", "bo@example.com"]);
  });
});
