import "server-only";
import { RateLimiterPrisma, RateLimiterRes } from "rate-limiter-flexible";
import { getDb } from "../db";

/**
 * Sign-in attempts are counted per e-mail and per client address in the
 * database, so every web process shares the counts. An e-mail gets five
 * password checks per 15 minutes and an address thirty; after that the e-mail
 * or address is locked until its 15-minute window ends.
 *
 * An attempt is taken from both counts *before* its password is checked, each
 * in one atomic statement (`consume` is an upsert that increments in the
 * database), so a burst of parallel requests cannot all be checked while the
 * counts still read low: the sixth and later are refused without running
 * Argon2. A successful sign-in forgets the e-mail's count and gives its
 * address back the attempt it took.
 */
const WINDOW_SECONDS = 15 * 60;

let limiters: { byEmail: RateLimiterPrisma; byIp: RateLimiterPrisma } | undefined;

function getLimiters() {
  limiters ??= {
    byEmail: new RateLimiterPrisma({
      storeClient: getDb(),
      tableName: "rateLimit",
      keyPrefix: "sign-in:email",
      points: 5,
      duration: WINDOW_SECONDS,
      clearExpiredByTimeout: false,
    }),
    byIp: new RateLimiterPrisma({
      storeClient: getDb(),
      tableName: "rateLimit",
      keyPrefix: "sign-in:ip",
      points: 30,
      duration: WINDOW_SECONDS,
      clearExpiredByTimeout: false,
    }),
  };
  return limiters;
}

export type SignInAttempt = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/** Consumes one point, or says how long until the key has points again. Store errors are thrown. */
async function take(limiter: RateLimiterPrisma, key: string): Promise<SignInAttempt> {
  try {
    await limiter.consume(key);
    return { allowed: true };
  } catch (rejection) {
    if (rejection instanceof RateLimiterRes) {
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(rejection.msBeforeNext / 1000)) };
    }
    throw rejection;
  }
}

/**
 * Takes one attempt for this address, then for this e-mail. A refused address
 * does not touch the e-mail's count; an attempt refused for the e-mail still
 * counts against the address (it is one more try that did not succeed).
 */
export async function takeSignInAttempt(email: string, ip: string | null): Promise<SignInAttempt> {
  const { byEmail, byIp } = getLimiters();
  if (ip) {
    const byAddress = await take(byIp, ip);
    if (!byAddress.allowed) return byAddress;
  }
  return take(byEmail, email);
}

/** After a right password: the e-mail's failures are forgotten and the address gets its attempt back. */
export async function settleSuccessfulSignIn(email: string, ip: string | null): Promise<void> {
  const { byEmail, byIp } = getLimiters();
  await Promise.all([byEmail.delete(email), ip ? byIp.reward(ip, 1) : null]);
}
