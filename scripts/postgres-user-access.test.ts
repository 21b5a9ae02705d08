import { chmodSync, mkdirSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { firstClosedFolder } from "./postgres-user-access";

const made: string[] = [];
afterEach(() => {
  for (const folder of made.splice(0)) rmSync(folder, { recursive: true, force: true });
});

function homeFolder(mode: number): string {
  const home = mkdtempSync(path.join(tmpdir(), "roster-home-"));
  made.push(home);
  chmodSync(home, mode);
  mkdirSync(path.join(home, "roster", "node_modules"), { recursive: true });
  return home;
}

describe("firstClosedFolder", () => {
  const stranger = { uid: 424_242, gids: [424_242] };

  it("names a home folder that only its owner may enter", () => {
    const home = homeFolder(0o700);
    expect(firstClosedFolder(path.join(home, "roster", "node_modules"), stranger)).toBe(home);
  });

  it("lets through a folder others may enter", () => {
    const home = homeFolder(0o711);
    expect(firstClosedFolder(path.join(home, "roster", "node_modules"), stranger)).toBeNull();
  });

  it("lets the owner and the owning group in", () => {
    const home = homeFolder(0o710);
    const { uid, gid } = statSync(home);
    expect(firstClosedFolder(path.join(home, "roster"), { uid, gids: [] })).toBeNull();
    expect(firstClosedFolder(path.join(home, "roster"), { uid: 424_242, gids: [gid] })).toBeNull();
    chmodSync(home, 0o700);
    expect(firstClosedFolder(path.join(home, "roster"), { uid: 424_242, gids: [gid] })).toBe(home);
  });

  it("stops at folders that do not exist yet", () => {
    const home = homeFolder(0o755);
    expect(firstClosedFolder(path.join(home, "roster", ".data", "postgres"), stranger)).toBeNull();
  });
});
