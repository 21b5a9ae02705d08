import "server-only";
import { db } from "../db";

/** When the person signed in for this session (typed their password), or null when the session is gone. */
export async function sessionStartedAt(sessionId: string): Promise<Date | null> {
  const row = await db.session.findUnique({ where: { id: sessionId }, select: { createdAt: true } });
  return row?.createdAt ?? null;
}
