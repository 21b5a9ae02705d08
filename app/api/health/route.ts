import { db } from "@/lib/db";

export const dynamic = "force-dynamic";

/** For load balancers and the start script: is the app up and can it reach its database? */
export async function GET() {
  try {
    await db.$queryRaw`SELECT 1`;
    return Response.json({ status: "ok" });
  } catch {
    return Response.json({ status: "unavailable", reason: "The database does not answer." }, { status: 503 });
  }
}
