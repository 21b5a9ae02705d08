/**
 * An operation's `changes` (`{ path: { from, to } }`) as a list, for the log's
 * table and its CSV export. Pure: safe in the browser.
 */
export interface ChangeEntry {
  path: string;
  from: string | null;
  to: string | null;
}

function show(value: unknown): string | null {
  if (value === null || value === undefined || value === "") return null;
  return typeof value === "string" ? value : JSON.stringify(value);
}

export function changeEntries(changes: unknown): ChangeEntry[] {
  if (!changes || typeof changes !== "object" || Array.isArray(changes)) return [];
  return Object.entries(changes as Record<string, unknown>).map(([path, change]) => {
    const { from, to } = change && typeof change === "object" ? (change as { from?: unknown; to?: unknown }) : { from: undefined, to: change };
    return { path, from: show(from), to: show(to) };
  });
}

/** `title: AE → Senior AE; active: true → false`, with "(empty)" for a missing value. */
export function changesAsText(entries: readonly ChangeEntry[]): string {
  return entries.map(({ path, from, to }) => `${path}: ${from ?? "(empty)"} → ${to ?? "(empty)"}`).join("; ");
}
