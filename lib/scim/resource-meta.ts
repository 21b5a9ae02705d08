import { z } from "zod";

/** RFC 7643 §3.1. Atlassian sends no `version` (no ETags), and writes `resourceType` as "User" or "USER". */
export const resourceMetaSchema = z.looseObject({
  resourceType: z.string().optional(),
  created: z.string().optional(),
  lastModified: z.string().optional(),
  location: z.string().optional(),
  version: z.string().optional(),
});

export type ResourceMeta = z.infer<typeof resourceMetaSchema>;
