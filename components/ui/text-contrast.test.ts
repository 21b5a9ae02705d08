import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

/**
 * Grey lighter than zinc-500 fails WCAG AA contrast for text on white (axe: color-contrast). It stays allowed
 * for decorative icons, which carry `aria-hidden` on the same line. Catches a light grey before the axe walk does.
 */
const LIGHT_GREY_TEXT = /\btext-zinc-(?:200|300|400)\b/;

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) return sources(full);
    return /\.tsx$/.test(entry.name) ? [full] : [];
  });
}

describe("text contrast", () => {
  it("uses no light grey for text in app/ or components/", () => {
    const offenders = ["app", "components"].flatMap((dir) =>
      sources(dir).flatMap((file) =>
        readFileSync(file, "utf8")
          .split("\n")
          .flatMap((line, index) => (LIGHT_GREY_TEXT.test(line) && !line.includes("aria-hidden") ? [`${file}:${index + 1}: ${line.trim()}`] : [])),
      ),
    );
    expect(offenders).toEqual([]);
  });
});
