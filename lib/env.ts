/**
 * The only reader of `process.env`. `getEnv()` validates every variable at once
 * (`npm start` calls it before anything else, so a wrong value stops the process
 * with one sentence naming the variable); `readEnv(name)` validates just the one
 * a module needs, on first use, so that `next build` and unit tests can load
 * modules without a database.
 */
import ipaddr from "ipaddr.js";
import { z } from "zod";
import { parseTrustedProxies } from "./http/client-address";

/** `127.0.0.1:8790` or `[::1]:8790` → `address:port`, the address in ipaddr.js's own spelling. */
function allowedTargetKey(entry: string): string {
  const [, address = "", port = ""] = /^\[?([^\]]*?)\]?:(\d+)$/.exec(entry) ?? [];
  return `${ipaddr.isValid(address) ? ipaddr.process(address).toString() : address}:${Number(port)}`;
}

const booleanFlag = z.enum(["1", "0", "true", "false", "yes", "no"]).transform((value) => value === "1" || value === "true" || value === "yes");

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
  /** 32 random bytes, base64: the AES-256-GCM key for SCIM tokens at rest (`npm start` generates one). */
  ROSTER_ENCRYPTION_KEY: z
    .string({ error: "ROSTER_ENCRYPTION_KEY is not set; `npm start` generates one into .data/, or set 32 random bytes in base64." })
    .refine((value) => Buffer.from(value, "base64").length === 32, {
      error: "ROSTER_ENCRYPTION_KEY must be 32 random bytes in base64 (for example the output of `openssl rand -base64 32`).",
    }),
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
  /**
   * Allow SCIM endpoints on any loopback, private or link-local address: for
   * tests and development only, never in production.
   */
  ROSTER_ALLOW_PRIVATE_TARGETS: booleanFlag.default(false),
  /**
   * The exact private addresses SCIM may still go to, comma-separated
   * `address:port` (`[::1]:8790` for IPv6). `npm start` sets it to the demo
   * sandbox's own address once the sandbox is listening.
   */
  ROSTER_ALLOWED_PRIVATE_TARGETS: z
    .string()
    .regex(/^\s*$|^\s*(\d{1,3}(\.\d{1,3}){3}|\[[0-9a-fA-F:.]+\]):\d{1,5}(\s*,\s*(\d{1,3}(\.\d{1,3}){3}|\[[0-9a-fA-F:.]+\]):\d{1,5})*\s*$/, {
      error: "ROSTER_ALLOWED_PRIVATE_TARGETS must be a comma-separated list of address:port such as 127.0.0.1:8790 or [::1]:8790.",
    })
    .default("")
    // Parsed once into `address:port` keys, the address written as ipaddr.js writes it (`::1`, not `[::1]` or `0:0::1`).
    .transform(
      (value) =>
        new Set(
          value
            .split(",")
            .map((entry) => entry.trim())
            .filter(Boolean)
            .map(allowedTargetKey),
        ) as ReadonlySet<string>,
    ),
  /** The longest one SCIM request may take, answer included, before it counts as timed out. */
  ROSTER_SCIM_TIMEOUT_MS: z.coerce.number().int().min(100).max(300_000).default(30_000),
  /** How often a worker process says its workers are alive. */
  WORKER_HEARTBEAT_MS: z.coerce.number().int().min(100).max(60_000).default(5_000),
  /** A worker silent for this long is taken for dead and its jobs are given to others; keep it several heartbeats long. */
  WORKER_STALE_AFTER_SECONDS: z.coerce.number().int().min(1).max(3_600).default(20),
  /** How often an app's Retry-After may put one pair off before the wait counts as a failed attempt. */
  WORKER_MAX_DEFERRALS: z.coerce.number().int().min(0).max(1_000).default(20),
  /**
   * How many of one app's single-person reconciles may run at once, whatever the worker's size: each app's people
   * are spread over this many lanes, one job at a time per lane, so a slow app holds only its own lanes. Producers
   * and the worker must agree on it (a person's lane is derived from it).
   */
  WORKER_APP_LANES: z.coerce.number().int().min(1).max(64).default(3),
  /**
   * The reverse proxies whose X-Forwarded-For, -Proto and -Host Roster believes:
   * comma-separated IP addresses or CIDR ranges. None when unset, so the
   * connection's own address is the client's.
   */
  ROSTER_TRUSTED_PROXIES: z
    .string()
    .default("")
    .transform((value, context) => {
      try {
        return parseTrustedProxies(value);
      } catch (error) {
        context.addIssue({ code: "custom", message: (error as Error).message });
        return z.NEVER;
      }
    }),
  /** The address the web server listens on: this machine only unless changed. */
  HOST: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9.:-]+$/, { error: "HOST must be an address to listen on, such as 127.0.0.1 (this machine only) or 0.0.0.0 (every network interface)." })
    .default("127.0.0.1"),
  /** Size of the Prisma connection pool per process. */
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
  /**
   * Keep the hot queries prepared on each connection (lib/prepared-statements.ts). Turn off behind a connection
   * pooler that hands one connection's statements to another, such as PgBouncer in transaction mode before 1.21.
   */
  DATABASE_PREPARED_STATEMENTS: booleanFlag.default(true),
});

export type Env = z.infer<typeof envSchema>;

export class EnvError extends Error {
  override name = "EnvError";
}

function explain(error: z.ZodError, fallbackName: string): EnvError {
  const issue = error.issues[0];
  const name = String(issue?.path[0] ?? fallbackName);
  const message = issue?.message ?? "is not valid";
  return new EnvError(message.includes(name) ? message : `${name} has a value Roster cannot use (${message.toLowerCase()}).`);
}

let cached: Env | undefined;

export function getEnv(): Env {
  if (cached) return cached;
  const parsed = envSchema.safeParse(process.env);
  if (!parsed.success) throw explain(parsed.error, "The environment");
  cached = parsed.data;
  return cached;
}

/** Set by `npm start` after it has validated the environment (the sandbox's port is known only then), so read afresh. */
const SET_AFTER_START: ReadonlySet<keyof Env> = new Set(["ROSTER_ALLOWED_PRIVATE_TARGETS"]);

/**
 * Each variable's value as last read, beside the raw text it came from. Next's server bundle has its own copy of
 * this module, which `getEnv()` in scripts/ never fills, so without this every read (one per secret decrypted,
 * for one) parsed the variable again. Keyed by the raw text, so a test that changes a variable is read afresh.
 */
const lastRead = new Map<keyof Env, { raw: string | undefined; value: unknown }>();

export function readEnv<Name extends keyof Env>(name: Name): Env[Name] {
  if (cached && !SET_AFTER_START.has(name)) return cached[name];
  const raw = process.env[name];
  const known = lastRead.get(name);
  if (known && known.raw === raw) return known.value as Env[Name];
  const parsed = envSchema.shape[name].safeParse(raw);
  if (!parsed.success) throw explain(parsed.error, name);
  lastRead.set(name, { raw, value: parsed.data });
  return parsed.data as Env[Name];
}
