/**
 * The only reader of `process.env`. Parsed once, on first use (so that
 * `next build` can load modules without a database), and a wrong value stops
 * the process with one sentence that names the variable and what it expects.
 */
import { z } from "zod";

const booleanFlag = z
  .enum(["1", "0", "true", "false", "yes", "no"])
  .transform((value) => value === "1" || value === "true" || value === "yes");

const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z
    .string({ error: "DATABASE_URL is not set; point it at a PostgreSQL database, or run `npm start` to use the embedded one." })
    .regex(/^postgres(ql)?:\/\/[^\s]+$/, {
      error: "DATABASE_URL must be a PostgreSQL connection string such as postgresql://user@localhost:5432/roster.",
    }),
  SESSION_SECRET: z
    .string({ error: "SESSION_SECRET is not set; `npm start` generates one into .data/, or set 32 or more random characters." })
    .min(32, { error: "SESSION_SECRET must be at least 32 characters long." }),
  /** Force the Secure cookie flag; otherwise it follows the request's scheme. */
  ROSTER_SECURE_COOKIES: booleanFlag.optional(),
  /**
   * DNS servers for domain verification, comma-separated `host` or `host:port`
   * (tests point this at a DNS server on loopback); the system's when unset.
   */
  ROSTER_DNS_SERVERS: z
    .string()
    .regex(/^\s*[^,\s]+(\s*,\s*[^,\s]+)*\s*$/, { error: "ROSTER_DNS_SERVERS must be a comma-separated list such as 127.0.0.1:5353,1.1.1.1." })
    .optional(),
  /** Size of the Prisma connection pool per process. */
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
});

export type Env = z.infer<typeof envSchema>;

export class EnvError extends Error {
  override name = "EnvError";
}

let cached: Env | undefined;

export function getEnv(): Env {
  if (cached) return cached;
  const parsed = envSchema.safeParse(process.env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const name = String(issue?.path[0] ?? "The environment");
    const message = issue?.message ?? "is not valid";
    throw new EnvError(message.includes(name) ? message : `${name} has a value Roster cannot use (${message.toLowerCase()}).`);
  }
  cached = parsed.data;
  return cached;
}
