import { z } from "zod";

/**
 * RFC 7644 §3.4.2. Resources are validated one by one by the caller, so that the error can say
 * which item was wrong. `Resources` may be absent when nothing matched.
 */
export const listResponseSchema = z.looseObject({
  schemas: z.array(z.string()).optional(),
  totalResults: z.number().int().nonnegative(),
  startIndex: z.number().int().optional(),
  itemsPerPage: z.number().int().optional(),
  Resources: z.array(z.unknown()).optional(),
});

export interface ListPage<T> {
  totalResults: number;
  /** The 1-based index we asked for; servers echo it back inconsistently, so it is not taken from the answer. */
  startIndex: number;
  resources: T[];
}
