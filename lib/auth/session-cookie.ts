import "server-only";
import { getIronSession, type SessionOptions } from "iron-session";
import { cookies } from "next/headers";
import { readEnv } from "../env";

export const SESSION_COOKIE = "roster_session";
export const SESSION_TTL_SECONDS = 12 * 60 * 60;

interface CookieData {
  sid?: string;
}

function options(secure: boolean): SessionOptions {
  return {
    cookieName: SESSION_COOKIE,
    password: readEnv("SESSION_SECRET"),
    ttl: SESSION_TTL_SECONDS,
    cookieOptions: { httpOnly: true, sameSite: "lax", secure, path: "/" },
  };
}

/** The session id sealed in the browser's cookie, if the seal is intact. */
export async function readSessionId(): Promise<string | null> {
  const cookie = await getIronSession<CookieData>(await cookies(), options(false));
  return cookie.sid ?? null;
}

export async function writeSessionId(sid: string, secure: boolean): Promise<void> {
  const cookie = await getIronSession<CookieData>(await cookies(), options(secure));
  cookie.sid = sid;
  await cookie.save();
}

export async function clearSessionCookie(): Promise<void> {
  const cookie = await getIronSession<CookieData>(await cookies(), options(false));
  cookie.destroy();
}
