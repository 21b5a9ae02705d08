/**
 * The list pages and their exports take the same query parameters: `q` (search text) and `after` /
 * `before` (cursors Roster made: base64url JSON). proxy.ts checks them before any page runs, so a
 * hand-edited address gets a 400 with a sentence instead of reaching a query. A cursor that is well
 * formed but names no row the list could have made is the list's to ignore (it starts at its first page).
 * Pure: runs in the proxy.
 */
import { SEARCH_MAX_LENGTH } from "./search-text";

const CONTROL_CHARACTER = /[\u0000-\u001f\u007f]/;
const CURSOR_MAX_LENGTH = 2_048;

/** Why this address cannot be served, in plain words, or null when its list parameters are readable. */
export function refuseListQuery(params: URLSearchParams): string | null {
  const q = params.get("q");
  if (q !== null && CONTROL_CHARACTER.test(q)) {
    return "The search text holds a control character, such as a line break or a NUL byte. Remove it and search again.";
  }
  if (q !== null && q.trim().length > SEARCH_MAX_LENGTH) return `Keep the search under ${SEARCH_MAX_LENGTH} characters.`;
  for (const name of ["after", "before"]) {
    const cursor = params.get(name);
    if (cursor !== null && cursor !== "" && !isCursor(cursor)) {
      return "This address points to a place in a list that Roster cannot read. Open the list again from its first page.";
    }
  }
  return null;
}

function isCursor(value: string): boolean {
  if (value.length > CURSOR_MAX_LENGTH || !/^[A-Za-z0-9_-]+$/.test(value)) return false;
  try {
    const binary = atob(value.replace(/-/g, "+").replace(/_/g, "/"));
    const parsed: unknown = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(Uint8Array.from(binary, (char) => char.charCodeAt(0))));
    return typeof parsed === "object" && parsed !== null && !Array.isArray(parsed);
  } catch {
    return false;
  }
}

/** A small page for the 400: what is wrong and a way back to the list's start. */
export function listQueryRefusalPage(message: string, pathname: string): string {
  const escape = (text: string) => text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Roster could not read this address</title></head><body style="font-family:system-ui,sans-serif;color:#18181b;background:#fafafa;margin:0"><main style="max-width:32rem;margin:4rem auto;padding:0 1.5rem"><h1 style="font-size:1.25rem">Roster could not read this address</h1><p>${escape(message)}</p><p><a href="${escape(pathname)}" style="color:#1d4ed8">Open the list from its start</a></p></main></body></html>`;
}
