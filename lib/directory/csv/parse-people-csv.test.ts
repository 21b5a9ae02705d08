import { describe, expect, it } from "vitest";
import { parsePeopleCsv } from "./parse-people-csv";

const HEADER = "Email,First name,Last name,Job title,Status";

function parse(...rows: string[]) {
  return parsePeopleCsv([HEADER, ...rows].join("\r\n"));
}

describe("parsePeopleCsv: rows", () => {
  it("turns valid rows into user inputs through the user schema", () => {
    const result = parse("  Dana.Lee@Example.COM ,Dana,Lee,Engineer,", "sam@example.com,Sam,Roe,,Deactivated");
    expect(result.fileErrors).toEqual([]);
    expect(result.issues).toEqual([]);
    expect(result.totalRows).toBe(2);
    expect(result.valid).toEqual([
      {
        line: 2,
        input: {
          email: "dana.lee@example.com",
          firstName: "Dana",
          lastName: "Lee",
          displayName: null,
          employeeId: null,
          title: "Engineer",
          department: null,
          mobile: null,
          locale: null,
          timezone: null,
          status: "ACTIVE",
        },
      },
      expect.objectContaining({ line: 3, input: expect.objectContaining({ email: "sam@example.com", title: null, status: "INACTIVE" }) }),
    ]);
  });

  it.each([
    [
      "a bad e-mail",
      "not-an-email,Dana,Lee,,",
      { field: "email", message: "Enter a valid e-mail address, such as dana.lee@example.com.", value: "not-an-email" },
    ],
    ["a missing e-mail", ",Dana,Lee,,", { field: "email", message: "Enter an e-mail address.", value: "" }],
    ["a missing first name", "dana@example.com,,Lee,,", { field: "firstName", message: "Enter a first name.", value: "" }],
    ["a missing last name", "dana@example.com,Dana,  ,,", { field: "lastName", message: "Enter a last name.", value: "  " }],
    [
      "an unknown status",
      "dana@example.com,Dana,Lee,,Gone",
      { field: "status", message: "Status must be Active or Deactivated (or left empty for Active).", value: "Gone" },
    ],
    ["a name too long", `dana@example.com,${"D".repeat(101)},Lee,,`, { field: "firstName", message: "Keep the first name under 100 characters." }],
  ])("reports %s with its line and field", (_name, row, issue) => {
    const result = parse("ok@example.com,Ok,Person,,", row);
    expect(result.valid.map((valid) => valid.line)).toEqual([2]);
    expect(result.issues).toEqual([expect.objectContaining({ line: 3, kind: "error", ...issue })]);
  });

  it("accepts Active, Deactivated and Inactive in any case", () => {
    const result = parse("a@example.com,A,A,,active", "b@example.com,B,B,,INACTIVE", "c@example.com,C,C,,Deactivated");
    expect(result.valid.map((row) => row.input.status)).toEqual(["ACTIVE", "INACTIVE", "INACTIVE"]);
  });

  it("reports every field of a row that has several problems", () => {
    const result = parse("nope,,Lee,,Maybe");
    expect(result.issues.map((issue) => [issue.line, issue.field])).toEqual([
      [2, "status"],
      [2, "email"],
      [2, "firstName"],
    ]);
  });

  it("keeps the first row of a duplicate e-mail (compared case-insensitively) and points the others at it", () => {
    const result = parse("dana@example.com,Dana,Lee,,", "sam@example.com,Sam,Roe,,", "", "DANA@example.com,Other,Dana,,");
    expect(result.valid.map((row) => row.line)).toEqual([2, 3]);
    expect(result.issues).toEqual([
      {
        line: 5,
        kind: "error",
        field: "email",
        message: "Also on line 2, which will be imported. Remove this row or give it another e-mail.",
        value: "dana@example.com",
      },
    ]);
  });

  it("skips blank lines but keeps the spreadsheet's line numbers", () => {
    const result = parse("", "a@example.com,A,A,,", ",,,,", "bad,B,B,,");
    expect(result.totalRows).toBe(2);
    expect(result.valid.map((row) => row.line)).toEqual([3]);
    expect(result.issues.map((issue) => issue.line)).toEqual([5]);
  });

  it("reads quoted cells with commas, quotes and formula-like text as plain values", () => {
    const result = parse('a@example.com,"<script>alert(1)</script>","Lee, Jr.","=cmd|\' /C calc\'!A0",');
    expect(result.valid[0]!.input).toMatchObject({ firstName: "<script>alert(1)</script>", lastName: "Lee, Jr.", title: "=cmd|' /C calc'!A0" });
  });

  it("takes off the quote our export puts before formula-like cells", () => {
    const result = parsePeopleCsv("Email,First name,Last name,Mobile,Job title\r\na@example.com,A,A,'+44 20 7946 0958,'=1+1\r\n");
    expect(result.valid[0]!.input).toMatchObject({ mobile: "+44 20 7946 0958", title: "=1+1" });
  });

  it("refuses a row with more cells than the header", () => {
    const result = parse("a@example.com,A,A,Engineer,Active,extra");
    expect(result.issues).toEqual([
      { line: 2, kind: "error", field: null, message: "This row has more cells than the header has columns. Put quotes around values that contain a comma." },
    ]);
  });

  it("treats missing trailing cells as empty", () => {
    expect(parse("a@example.com,A,A").valid).toHaveLength(1);
  });

  it("reads semicolon-separated files", () => {
    expect(parsePeopleCsv("Email;First name;Last name\na@example.com;Ann;Lee\n").valid[0]!.input).toMatchObject({ firstName: "Ann", lastName: "Lee" });
  });
});

describe("parsePeopleCsv: the file", () => {
  it("ignores unknown columns with a header warning", () => {
    const result = parsePeopleCsv("Email,First name,Last name,Shoe size\na@example.com,A,A,44\n");
    expect(result.headerWarnings).toEqual(["Column “Shoe size” is not a Roster field; it will be ignored."]);
    expect(result.valid).toHaveLength(1);
  });

  it("blocks a file without a required column", () => {
    const result = parsePeopleCsv("Email,Name\na@example.com,Ann Lee\n");
    expect(result.fileErrors).toEqual([
      "The file has no First name column. Add one (its header can be “First name”) and upload again.",
      "The file has no Last name column. Add one (its header can be “Last name”) and upload again.",
    ]);
    expect(result.valid).toEqual([]);
  });

  it("says so when the first line is a person instead of a header", () => {
    expect(parsePeopleCsv("a@example.com,Ann,Lee\nb@example.com,Bo,Roe\n").fileErrors).toEqual([
      "The first line looks like a person, not a header row. Add a header row (Email, First name, Last name, …) above the people and upload again.",
    ]);
  });

  it("blocks a file with only a header", () => {
    expect(parsePeopleCsv(`${HEADER}\r\n\r\n`).fileErrors).toEqual([
      "This file has a header row but no people. Add one row per person under the header and upload again.",
    ]);
  });

  it("blocks a file whose first line is empty", () => {
    expect(parsePeopleCsv(`\n${HEADER}\na@example.com,A,A,,\n`).fileErrors[0]).toMatch(/^The first line of the file is empty/);
  });

  it("blocks a file with more than 20,000 people", () => {
    const rows = Array.from({ length: 20_001 }, (_, index) => `p${index}@example.com,P,Q,,`);
    expect(parse(...rows).fileErrors).toEqual([
      "This file has 20,001 people; Roster imports up to 20,000 at a time. Split it into smaller files and import them one by one.",
    ]);
  });

  it("reports a quote that is never closed", () => {
    const result = parse("a@example.com,A,A,,", 'b@example.com,"B,B,,', "c@example.com,C,C,,");
    expect(result.valid.map((row) => row.line)).toEqual([2]);
    expect(result.issues).toEqual([
      expect.objectContaining({
        line: 3,
        field: null,
        message: 'A quote (") in this row is never closed, so the rest of the file cannot be read. Close or remove the quote and upload again.',
      }),
    ]);
  });
});

describe("parsePeopleCsv: the Groups column", () => {
  it("reads semicolon-separated names, trimmed, each once whatever its case", () => {
    const result = parsePeopleCsv(
      ["Email,First name,Last name,Groups", 'a@example.com,Ann,Lee," Engineering ; sales;;engineering"', "b@example.com,Bo,Ek,"].join("\n"),
    );
    expect(result.issues).toEqual([]);
    expect(result.valid.map((row) => row.groups)).toEqual([["Engineering", "sales"], []]);
  });

  it("leaves groups out of the row, and out of the person, when the file has no Groups column", () => {
    const [row] = parse("a@example.com,Ann,Lee,,").valid;
    expect(row).not.toHaveProperty("groups");
    expect(row!.input).not.toHaveProperty("groups");
  });

  it("refuses a row with a group name longer than 100 characters, saying which", () => {
    const long = "G".repeat(101);
    const result = parsePeopleCsv(["Email,First name,Last name,Groups", `a@example.com,Ann,Lee,Sales;${long}`].join("\n"));
    expect(result.valid).toEqual([]);
    expect(result.issues).toEqual([
      {
        line: 2,
        kind: "error",
        field: "groups",
        message: "A group name is at most 100 characters; this one has 101. Shorten it and upload again.",
        value: long,
      },
    ]);
  });
});
