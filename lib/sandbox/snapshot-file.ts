import { readFile, rename, writeFile } from "node:fs/promises";
import { z } from "zod";
import type { Directory } from "./directory.ts";

const attributes = z.record(z.string(), z.unknown());
const snapshotSchema = z.object({
  version: z.literal(1),
  directoryId: z.string(),
  users: z.array(z.object({ id: z.string(), atlassianAccountId: z.string(), created: z.string(), lastModified: z.string(), attributes })),
  groups: z.array(z.object({ id: z.string(), created: z.string(), lastModified: z.string(), attributes, siteGroup: z.boolean().optional() })),
});

export type Snapshot = z.infer<typeof snapshotSchema>;

export async function readSnapshot(file: string): Promise<Snapshot | undefined> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
  const parsed = snapshotSchema.safeParse(parseJson(text));
  if (!parsed.success) throw new Error(`The sandbox snapshot ${file} is damaged or from another version. Delete it to start empty.`);
  return parsed.data;
}

export function toSnapshot(directoryId: string, directory: Directory): Snapshot {
  return { version: 1, directoryId, users: [...directory.users.all()], groups: directory.groups.all() };
}

/**
 * Writes the snapshot at most once per `debounceMs`, however many changes arrive: creating 1,000
 * users must not write the file 1,000 times. Writes go through a temporary file and a rename,
 * so a crash mid-write leaves the previous snapshot intact.
 */
export function createSnapshotWriter(file: string, take: () => Snapshot, onError: (error: unknown) => void, debounceMs = 250) {
  let timer: NodeJS.Timeout | undefined;
  let writing: Promise<void> = Promise.resolve();

  const save = async () => {
    const temporary = `${file}.${process.pid}.tmp`;
    await writeFile(temporary, JSON.stringify(take()), { mode: 0o600 });
    await rename(temporary, file);
  };
  // A failed write is reported and the next change tries again; it must not stop the sandbox.
  const write = () => {
    timer = undefined;
    writing = writing.then(save).catch(onError);
    return writing;
  };

  return {
    schedule(): void {
      timer ??= setTimeout(write, debounceMs);
    },
    /** Writes a pending change now; used when the sandbox stops. */
    async flush(): Promise<void> {
      if (timer !== undefined) {
        clearTimeout(timer);
        await write();
      }
      await writing;
    },
  };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
