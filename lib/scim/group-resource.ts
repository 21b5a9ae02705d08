import { z } from "zod";
import { resourceMetaSchema } from "./resource-meta.ts";

const groupMember = z.looseObject({
  value: z.string(),
  display: z.string().optional(),
  type: z.string().optional(),
  $ref: z.string().optional(),
});

const groupAttributes = {
  displayName: z.string().min(1),
  externalId: z.string().optional(),
  // Servers may leave members out of responses for large groups; absent is not the same as empty.
  members: z.array(groupMember).optional(),
};

export const scimGroupSchema = z.looseObject({
  schemas: z.array(z.string()).optional(),
  id: z.string().min(1),
  ...groupAttributes,
  meta: resourceMetaSchema.optional(),
});

export const scimGroupInputSchema = z.looseObject({
  schemas: z.array(z.string()).optional(),
  ...groupAttributes,
});

export type ScimGroup = z.infer<typeof scimGroupSchema>;
export type ScimGroupInput = z.infer<typeof scimGroupInputSchema>;
export type ScimGroupMember = z.infer<typeof groupMember>;
