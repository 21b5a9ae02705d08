import "server-only";
import { promises as dns } from "node:dns";
import { AppError } from "../../app-error";
import { readEnv } from "../../env";
import type { TxtLookup } from "./verification-record";

/** Per attempt, and for the whole lookup: a verification answers within a few seconds. */
const ATTEMPT_TIMEOUT_MS = 2_000;
const TOTAL_TIMEOUT_MS = 5_000;

const NO_RECORD = new Set(["ENOTFOUND", "ENODATA"]);

/**
 * The TXT strings at `host` (each record's chunks joined), from the DNS
 * servers in ROSTER_DNS_SERVERS when set, else the system's.
 */
export async function resolveTxtRecords(host: string): Promise<TxtLookup> {
  const resolver = new dns.Resolver({ timeout: ATTEMPT_TIMEOUT_MS, tries: 2 });
  const servers = readEnv("ROSTER_DNS_SERVERS");
  if (servers) {
    try {
      resolver.setServers(servers.split(",").map((server) => server.trim()));
    } catch {
      throw new AppError(
        "unavailable",
        "Roster's DNS servers (ROSTER_DNS_SERVERS) must be IP addresses such as 1.1.1.1 or 127.0.0.1:5353. Ask whoever runs Roster to fix the setting.",
      );
    }
  }
  const deadline = setTimeout(() => resolver.cancel(), TOTAL_TIMEOUT_MS);
  try {
    const records = await resolver.resolveTxt(host);
    return { kind: "found", values: records.map((chunks) => chunks.join("")) };
  } catch (error) {
    return NO_RECORD.has((error as { code?: string }).code ?? "") ? { kind: "none" } : { kind: "unreachable" };
  } finally {
    clearTimeout(deadline);
  }
}
