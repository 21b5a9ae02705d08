import { describe, expect, it } from "vitest";
import { describeCsvColumns, mapCsvColumns } from "./map-csv-columns";

describe("mapCsvColumns", () => {
  it.each([
    ["Email", "email"],
    ["E-mail", "email"],
    ["email address", "email"],
    ["  E-Mail Address ", "email"],
    ["First name", "firstName"],
    ["FIRSTNAME", "firstName"],
    ["Given name", "firstName"],
    ["first_name", "firstName"],
    ["Last name", "lastName"],
    ["Surname", "lastName"],
    ["Family name", "lastName"],
    ["Display name", "displayName"],
    ["Employee ID", "employeeId"],
    ["Job title", "title"],
    ["Title", "title"],
    ["Department", "department"],
    ["Mobile", "mobile"],
    ["Phone", "mobile"],
    ["Locale", "locale"],
    ["Language", "locale"],
    ["Time zone", "timezone"],
    ["Timezone", "timezone"],
    ["Status", "status"],
    ["Groups", "groups"],
    ["Group", "groups"],
    ["Member of", "groups"],
  ])("reads “%s” as %s", (header, field) => {
    expect(mapCsvColumns([header]).fields).toEqual([field]);
  });

  it("maps a whole header and reports nothing when the required columns are there", () => {
    expect(mapCsvColumns(["E-mail", "Given name", "Surname", "Department"])).toEqual({
      fields: ["email", "firstName", "lastName", "department"],
      errors: [],
      warnings: [],
    });
  });

  it("ignores an unknown column with a warning", () => {
    const mapping = mapCsvColumns(["Email", "First name", "Last name", "Shoe size"]);
    expect(mapping.fields).toEqual(["email", "firstName", "lastName", null]);
    expect(mapping.errors).toEqual([]);
    expect(mapping.warnings).toEqual(["Column “Shoe size” is not a Roster field; it will be ignored."]);
  });

  it("blocks the import for each missing required column", () => {
    expect(mapCsvColumns(["Name", "E-mail"]).errors).toEqual([
      "The file has no First name column. Add one (its header can be “First name”) and upload again.",
      "The file has no Last name column. Add one (its header can be “Last name”) and upload again.",
    ]);
  });

  it("uses the first of two columns for one field and says so", () => {
    const mapping = mapCsvColumns(["Email", "First name", "Last name", "Phone", "Mobile"]);
    expect(mapping.fields).toEqual(["email", "firstName", "lastName", "mobile", null]);
    expect(mapping.warnings).toEqual(["Columns “Phone” and “Mobile” are both Mobile; only “Phone” will be used."]);
  });

  it("warns about a column without a header", () => {
    expect(mapCsvColumns(["Email", "", "First name", "Last name"]).warnings).toEqual(["A column has no header; it will be ignored."]);
  });
});

describe("describeCsvColumns", () => {
  it("lists every field once with the required ones marked", () => {
    const columns = describeCsvColumns();
    expect(columns.map((column) => column.header)).toEqual([
      "E-mail",
      "First name",
      "Last name",
      "Display name",
      "Employee ID",
      "Job title",
      "Department",
      "Mobile",
      "Locale",
      "Time zone",
      "Status",
      "Groups",
    ]);
    expect(columns.filter((column) => column.required).map((column) => column.header)).toEqual(["E-mail", "First name", "Last name"]);
    expect(columns[0]!.alsoAccepted).not.toContain("e-mail");
  });
});
