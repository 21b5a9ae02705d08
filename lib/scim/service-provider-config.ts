import { z } from "zod";

const supported = z.looseObject({ supported: z.boolean() });

/** RFC 7643 §5. Only the parts a client decides on are typed; the rest passes through. */
export const serviceProviderConfigSchema = z.looseObject({
  schemas: z.array(z.string()).optional(),
  patch: supported.optional(),
  bulk: supported.optional(),
  filter: supported.extend({ maxResults: z.number().int().optional() }).optional(),
  changePassword: supported.optional(),
  sort: supported.optional(),
  etag: supported.optional(),
  authenticationSchemes: z.array(z.looseObject({ type: z.string().optional(), name: z.string().optional() })).optional(),
});

export type ServiceProviderConfig = z.infer<typeof serviceProviderConfigSchema>;
