import { addMembers, removeMembers } from "./build-patch.ts";
import type { ExecuteRequest } from "./execute-request.ts";
import type { WriteOptions } from "./resource-operations.ts";
import { ScimError } from "./scim-error.ts";

/** Atlassian publishes no limit per PATCH; 100 keeps each request small and a failure's retry cheap. */
export const DEFAULT_MEMBER_CHUNK_SIZE = 100;

export interface MemberChangeOptions extends WriteOptions {
  /** Members per PATCH request; default 100. */
  chunkSize?: number;
  /** Called after each chunk, done or failed, before the next is sent: for a log line per request. It should not throw. */
  onChunk?: (chunk: MemberChunkResult) => void;
}

/** One PATCH request of an addMembers or removeMembers call. */
export type MemberChunkResult = {
  /** This chunk's number, from 1, and how many chunks the call has. */
  chunk: number;
  of: number;
  /** The user ids this chunk added or removed. */
  memberIds: string[];
} & ({ ok: true } | { ok: false; error: ScimError });

export interface MemberChangeResult {
  /** Every chunk sent, in order. A failed chunk is the last: the chunks after it are not sent. */
  chunks: MemberChunkResult[];
  /** The members of the chunks after a failed one, which were not sent. */
  notSent: string[];
  /** Whether every chunk was done. */
  ok: boolean;
}

/**
 * Adds or removes a group's members, `chunkSize` per PATCH, one request after another, each with the
 * client's retries. Atlassian's style: one `add` of a members list, or one `remove` of
 * `members[value eq "…"]` per member. A 200 answer's body is not read and a 204 is not followed by a
 * GET: with tens of thousands of members, reading the group back after each chunk would cost more
 * than the change. Stops at the first chunk that fails for good and says which members were not sent.
 */
export async function changeGroupMembers(
  execute: ExecuteRequest,
  path: string,
  change: "add" | "remove",
  memberIds: readonly string[],
  options: MemberChangeOptions = {},
): Promise<MemberChangeResult> {
  const chunkSize = options.chunkSize ?? DEFAULT_MEMBER_CHUNK_SIZE;
  if (!Number.isInteger(chunkSize) || chunkSize < 1) throw new TypeError(`The chunk size must be a whole number of at least 1, not ${chunkSize}.`);
  const unique = [...new Set(memberIds)];
  if (unique.some((id) => id.trim() === "")) throw new TypeError("A member id is empty.");
  const batches: string[][] = [];
  for (let start = 0; start < unique.length; start += chunkSize) batches.push(unique.slice(start, start + chunkSize));

  const chunks: MemberChunkResult[] = [];
  for (const [index, batch] of batches.entries()) {
    const position = { chunk: index + 1, of: batches.length, memberIds: batch };
    let result: MemberChunkResult;
    try {
      await execute(
        { method: "PATCH", path, body: change === "add" ? addMembers(batch) : removeMembers(batch) },
        // Adding a member twice, or removing one already gone, leaves the same group: safe to repeat.
        { idempotent: true, serverErrorRetries: options.serverErrorRetries, onAttempt: options.onAttempt },
      );
      result = { ...position, ok: true };
    } catch (error) {
      if (!(error instanceof ScimError)) throw error;
      result = { ...position, ok: false, error };
    }
    chunks.push(result);
    try {
      options.onChunk?.(result);
    } catch {
      // An observer's mistake must not change what was done.
    }
    if (!result.ok) return { chunks, notSent: batches.slice(index + 1).flat(), ok: false };
  }
  return { chunks, notSent: [], ok: true };
}
