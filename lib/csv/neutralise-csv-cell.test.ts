import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import { formatCsvRow, neutraliseCsvCell, quoteCsvCell } from "./neutralise-csv-cell";

describe("neutraliseCsvCell", () => {
  it.each([
    ["=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"],
    ["=1+1", "'=1+1"],
    ["+44 20 7946 0958", "'+44 20 7946 0958"],
    ["-2+3", "'-2+3"],
    ["@SUM(A1:A2)", "'@SUM(A1:A2)"],
    ["\t=1+1", "'\t=1+1"],
    ["\r=1+1", "'\r=1+1"],
    ["Dana", "Dana"],
    ["dana@example.com", "dana@example.com"],
    [" =1+1", " =1+1"],
    ["", ""],
    ["<script>alert(1)</script>", "<script>alert(1)</script>"],
  ])("%j → %j", (cell, expected) => {
    expect(neutraliseCsvCell(cell)).toBe(expected);
  });
});

describe("quoteCsvCell", () => {
  it.each([
    ["plain", "plain"],
    ["Lee, Dana", '"Lee, Dana"'],
    ['Dana "DL" Lee', '"Dana ""DL"" Lee"'],
    ["two\nlines", '"two\nlines"'],
    ["carriage\rreturn", '"carriage\rreturn"'],
    [" padded ", '" padded "'],
  ])("%j → %j", (cell, expected) => {
    expect(quoteCsvCell(cell)).toBe(expected);
  });
});

describe("formatCsvRow", () => {
  it("neutralises, then quotes, every cell, with empty cells for null", () => {
    expect(formatCsvRow(['=HYPERLINK("http://evil","x")', null, "Lee, Dana", undefined, "+1"])).toBe(
      '"\'=HYPERLINK(""http://evil"",""x"")",,"Lee, Dana",,\'+1\r\n',
    );
  });

  it("reads back, through a CSV parser, as the neutralised values", () => {
    const cells = ["=cmd|' /C calc'!A0", 'say "hi", then leave', "-1", "multi\nline", "@x"];
    const [row] = Papa.parse<string[]>(formatCsvRow(cells), { skipEmptyLines: true }).data;
    expect(row).toEqual(cells.map(neutraliseCsvCell));
  });
});
