import "server-only";
import { RateLimiterPrisma, RateLimiterRes } from "rate-limiter-flexible";
import { getDb } from "../db";
import type { SignInAttempt } from "./sign-in-limiter";

/**
 * Tries of set-password links are counted per client address in the database, as sign-in attempts are
 * (sign-in-limiter.ts): thirty per 15 minutes, taken before the token is looked up; a link that works gives its
 * try back, so only unknown, used and expired tokens count.
 */
const WINDOW_SECONDS = 15 * 60;

let limiter: RateLimiterPrisma | undefined;

function getLimiter(): RateLimiterPrisma {
  limiter ??= new RateLimiterPrisma({
    storeClient: getDb(),
    tableName: "rateLimit",
    keyPrefix: "password-link:ip",
    points: 30,
    duration: WINDOW_SECONDS,
    clearExpiredByTimeout: false,
  });
  return limiter;
}

export async function takePasswordLinkAttempt(ip: string | null): Promise<SignInAttempt> {
  if (!ip) return { allowed: true };
  try {
    await getLimiter().consume(ip);
    return { allowed: true };
  } catch (rejection) {
    if (rejection instanceof RateLimiterRes) return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(rejection.msBeforeNext / 1000)) };
    throw rejection;
  }
}

export async function returnPasswordLinkAttempt(ip: string | null): Promise<void> {
  if (ip) await getLimiter().reward(ip, 1);
}
