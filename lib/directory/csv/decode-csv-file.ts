/**
 * Turns an uploaded file's bytes into text, or says in plain words why it is
 * not a CSV file Roster can read. Pure: no I/O.
 */
import { MAX_IMPORT_BYTES } from "./schemas";

export type DecodedCsv = { ok: true; text: string } | { ok: false; message: string };

const NOT_UTF8 = "This file is not UTF-8 text. Save it as “CSV UTF-8” and upload again.";
const NOT_TEXT = "This file is not a CSV text file. Export your spreadsheet as “CSV UTF-8” and upload that file.";

// Control characters other than tab, line feed and carriage return do not occur in CSV text.
const BINARY_CHARACTERS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f]/;

export function decodeCsvFile(bytes: Uint8Array): DecodedCsv {
  if (bytes.length > MAX_IMPORT_BYTES) {
    return { ok: false, message: "This file is larger than 5 MB. Split it into smaller files and import them one by one." };
  }
  const startsWith = (...prefix: number[]) => prefix.every((byte, index) => bytes[index] === byte);
  // UTF-32 first: its little-endian mark begins with UTF-16's.
  if (startsWith(0xff, 0xfe, 0x00, 0x00) || startsWith(0x00, 0x00, 0xfe, 0xff) || startsWith(0xff, 0xfe) || startsWith(0xfe, 0xff)) {
    return { ok: false, message: NOT_UTF8 };
  }
  if (looksLikeUtf16(bytes)) return { ok: false, message: NOT_UTF8 };
  const withoutBom = startsWith(0xef, 0xbb, 0xbf) ? bytes.subarray(3) : bytes;
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(withoutBom);
  } catch {
    // Binary files are rarely valid UTF-8 either; a NUL byte tells the two apart.
    return { ok: false, message: withoutBom.includes(0) ? NOT_TEXT : NOT_UTF8 };
  }
  if (BINARY_CHARACTERS.test(text)) return { ok: false, message: NOT_TEXT };
  if (text.trim() === "") {
    return { ok: false, message: "This file is empty. Add a header row and one row per person, then upload it again." };
  }
  return { ok: true, text };
}

/** UTF-16 without a byte-order mark: Latin text has a zero byte in every other position. */
function looksLikeUtf16(bytes: Uint8Array): boolean {
  const sample = bytes.subarray(0, 512);
  let evenZeros = 0;
  let oddZeros = 0;
  sample.forEach((byte, index) => {
    if (byte === 0) {
      if (index % 2 === 0) evenZeros++;
      else oddZeros++;
    }
  });
  const half = sample.length / 2;
  return half >= 2 && Math.max(evenZeros, oddZeros) >= half * 0.4 && Math.min(evenZeros, oddZeros) <= half * 0.05;
}
