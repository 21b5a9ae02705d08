import "server-only";
import { headers } from "next/headers";
import { readEnv } from "../env";

export interface RequestMeta {
  ip: string | null;
  userAgent: string | null;
  secure: boolean;
}

/** Who is calling, as far as the request tells (behind a proxy, its forwarded headers). */
export async function getRequestMeta(): Promise<RequestMeta> {
  const list = await headers();
  const forwardedFor = list.get("x-forwarded-for")?.split(",")[0]?.trim();
  const secureOverride = readEnv("ROSTER_SECURE_COOKIES");
  return {
    ip: forwardedFor || list.get("x-real-ip") || null,
    userAgent: list.get("user-agent")?.slice(0, 500) ?? null,
    secure: secureOverride ?? list.get("x-forwarded-proto") === "https",
  };
}
