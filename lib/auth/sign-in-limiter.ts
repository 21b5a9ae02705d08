import "server-only";
import { RateLimiterPrisma } from "rate-limiter-flexible";
import { getDb } from "../db";

/**
 * Failed sign-ins are counted per e-mail and per client address in the
 * database, so every web process shares the counts. Five wrong passwords for
 * one e-mail lock it for 15 minutes; 30 failures from one address lock that
 * address for 15 minutes.
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

/** Seconds until another attempt is allowed, or 0 when it is allowed now. */
export async function secondsUntilSignInAllowed(email: string, ip: string | null): Promise<number> {
  const { byEmail, byIp } = getLimiters();
  const [emailState, ipState] = await Promise.all([byEmail.get(email), ip ? byIp.get(ip) : null]);
  const waits = [
    emailState && emailState.consumedPoints >= byEmail.points ? emailState.msBeforeNext : 0,
    ipState && ipState.consumedPoints >= byIp.points ? ipState.msBeforeNext : 0,
  ];
  return Math.ceil(Math.max(...waits) / 1000);
}

export async function countFailedSignIn(email: string, ip: string | null): Promise<void> {
  const { byEmail, byIp } = getLimiters();
  // `penalty` adds points without rejecting, unlike `consume`, which throws when out of points.
  await Promise.all([byEmail.penalty(email), ip ? byIp.penalty(ip) : null]);
}

export async function forgetFailedSignIns(email: string): Promise<void> {
  await getLimiters().byEmail.delete(email);
}
