import { describe, expect, it } from "vitest";
import { decodeCsvFile } from "./decode-csv-file";
import { MAX_IMPORT_BYTES } from "./schemas";

const NOT_UTF8 = "This file is not UTF-8 text. Save it as “CSV UTF-8” and upload again.";
const NOT_TEXT = "This file is not a CSV text file. Export your spreadsheet as “CSV UTF-8” and upload that file.";
const CSV = "Email,First name,Last name\r\nzoë@example.com,Zoë,Ångström\r\n";

const utf8 = (text: string) => new TextEncoder().encode(text);
function utf16le(text: string, bom: boolean): Uint8Array {
  const body = Buffer.from(text, "utf16le");
  return bom ? Buffer.concat([Buffer.from([0xff, 0xfe]), body]) : body;
}

describe("decodeCsvFile", () => {
  it("reads UTF-8 text", () => {
    expect(decodeCsvFile(utf8(CSV))).toEqual({ ok: true, text: CSV });
  });

  it("strips a UTF-8 byte-order mark", () => {
    expect(decodeCsvFile(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(CSV)]))).toEqual({ ok: true, text: CSV });
  });

  it.each([
    ["UTF-16 LE with a byte-order mark", utf16le(CSV, true), NOT_UTF8],
    ["UTF-16 BE with a byte-order mark", new Uint8Array([0xfe, 0xff, ...Buffer.from(CSV, "utf16le").swap16()]), NOT_UTF8],
    ["UTF-16 LE without a byte-order mark", utf16le(CSV, false), NOT_UTF8],
    ["UTF-32 LE", new Uint8Array([0xff, 0xfe, 0x00, 0x00, 0x45, 0, 0, 0]), NOT_UTF8],
    ["Windows-1252 (é as one byte)", new Uint8Array([...utf8("Email,First name,Last name\nrene@example.com,Ren"), 0xe9, ...utf8(",Dupont\n")]), NOT_UTF8],
    ["binary junk", new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52, 0xff, 0x00]), NOT_TEXT],
    ["valid UTF-8 with control characters", utf8("Email\u0001\u0002,First name\u0000\n"), NOT_TEXT],
  ])("refuses %s", (_name, bytes, message) => {
    expect(decodeCsvFile(bytes)).toEqual({ ok: false, message });
  });

  it.each([
    ["no bytes", new Uint8Array()],
    ["only a byte-order mark", new Uint8Array([0xef, 0xbb, 0xbf])],
    ["only blank lines", utf8("\r\n\r\n  \n")],
  ])("calls a file with %s empty", (_name, bytes) => {
    expect(decodeCsvFile(bytes)).toEqual({ ok: false, message: "This file is empty. Add a header row and one row per person, then upload it again." });
  });

  it("refuses a file over the size limit before reading it", () => {
    expect(decodeCsvFile(new Uint8Array(MAX_IMPORT_BYTES + 1))).toEqual({
      ok: false,
      message: "This file is larger than 5 MB. Split it into smaller files and import them one by one.",
    });
  });
});
